using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class ListStateBodiesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/bodies", (GovernmentLevel? level, string? parent, string? region, bool? includeRetired,
                    CatalogueQueries queries, CancellationToken ct) =>
                queries.BodiesAsync(level, parent, region, includeRetired ?? false, ct))
            .WithName("ListStateBodies")
            .WithSummary("State bodies, filtered by level, parent body and region")
            .Produces<IReadOnlyList<CatalogueBody>>();
}

using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class ListServicesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/services", (string? body, GovernmentLevel? level, string? q, bool? includeRetired,
                    CatalogueQueries queries, CancellationToken ct) =>
                queries.ServicesAsync(body, level, q, includeRetired ?? false, ct))
            .WithName("ListServices")
            .WithSummary("Services, filtered by owning body, level and text in the code or Russian name")
            .Produces<IReadOnlyList<CatalogueService>>();
}

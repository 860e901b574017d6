using Monitoring.Domain.Common;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class GetStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/bodies/{code}", async (string code, CatalogueQueries queries, CancellationToken ct) =>
                await queries.BodyAsync(code, ct) ?? throw new NotFound("State body", code))
            .WithName("GetStateBody")
            .WithSummary("A state body with its name and parent history")
            .Produces<CatalogueBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

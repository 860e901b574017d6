using Monitoring.Domain.Common;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class GetServiceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/services/{code}", async (string code, CatalogueQueries queries, CancellationToken ct) =>
                await queries.ServiceAsync(code, ct) ?? throw new NotFound("Service", code))
            .WithName("GetService")
            .WithSummary("A service with every passport and name it has had, each with the event that recorded it")
            .Produces<CatalogueService>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

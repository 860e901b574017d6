using Marten;
using Monitoring.Domain.Common;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

public static class GetInspectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id}", async (string id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<InspectionView>(Inspection.StreamKey(id), ct) ?? throw new NotFound("Inspection", id))
            .WithName("GetInspection")
            .WithSummary("An inspection with its violations (each with its history of corrections and revocations)")
            .Produces<InspectionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

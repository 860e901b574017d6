using Marten;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

public static class ListInspectionsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("", async (string? body, IQuerySession session, CancellationToken ct) =>
            {
                var query = session.Query<InspectionView>().AsQueryable();
                if (body is not null) query = query.Where(i => i.BodyCode == body);
                return await query.OrderBy(i => i.OpenedOn).ThenBy(i => i.InspectionId).ToListAsync(ct);
            })
            .WithName("ListInspections")
            .WithSummary("Inspections, optionally of one body")
            .Produces<IReadOnlyList<InspectionView>>();
}

using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspections(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<OpenInspection>("Inspections", Policies.InspectionWrite);

        read.MapGet("/violations", (string? body, int? period, ViolationType? type, string? groupBy, ViolationQueries queries, CancellationToken ct) =>
                queries.TotalsAsync(body, period, type,
                    (groupBy ?? "type").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct))
            .WithName("GetViolationTotals")
            .WithSummary("Standing violations (revocations and corrections applied) grouped by body, unit, service, type, period or inspection")
            .Produces<IReadOnlyList<ViolationTotal>>().ProducesValidationProblem();
        read.MapGet("/{id}", async (string id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<InspectionView>(Inspection.StreamKey(id), ct) ?? throw new NotFound("Inspection", id))
            .WithName("GetInspection")
            .WithSummary("An inspection with its violations (each with its history of corrections and revocations)")
            .Produces<InspectionView>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("", async (string? body, IQuerySession session, CancellationToken ct) =>
            {
                var query = session.Query<InspectionView>().AsQueryable();
                if (body is not null) query = query.Where(i => i.BodyCode == body);
                return await query.OrderBy(i => i.OpenedOn).ThenBy(i => i.InspectionId).ToListAsync(ct);
            })
            .WithName("ListInspections").WithSummary("Inspections, optionally of one body")
            .Produces<IReadOnlyList<InspectionView>>();
    }
}

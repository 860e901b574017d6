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
        read.MapGet("/{id}", (string id, InspectionQueries queries, CancellationToken ct) => queries.InspectionAsync(id, ct))
            .WithName("GetInspection")
            .WithSummary("An inspection with its violations (each with its history of corrections and revocations)")
            .Produces<InspectionView>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("", (string? body, InspectionQueries queries, CancellationToken ct) => queries.ListAsync(body, null, ct))
            .WithName("ListInspections").WithSummary("Inspections, optionally of one body")
            .Produces<IReadOnlyList<InspectionView>>();
    }
}

using Monitoring.Domain.Inspections;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

public static class GetViolationTotalsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/violations", (string? body, int? period, ViolationType? type, string? groupBy, ViolationQueries queries, CancellationToken ct) =>
                queries.TotalsAsync(body, period, type,
                    (groupBy ?? "type").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct))
            .WithName("GetViolationTotals")
            .WithSummary("Standing violations (revocations and corrections applied) grouped by body, unit, service, type, period or inspection")
            .Produces<IReadOnlyList<ViolationTotal>>()
            .ProducesValidationProblem();
}

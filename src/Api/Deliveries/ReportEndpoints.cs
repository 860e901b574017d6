using Monitoring.Application.Deliveries;
using Monitoring.Projections.Deliveries;

namespace Monitoring.Api.Deliveries;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        const string tag = "Delivery and internal-control reports";
        var read = app.MapGroup("/api/reports").WithTags(tag).RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<SubmitDeliveryReport>(tag, Policies.ReportWrite);

        read.MapGet("/deadline-compliance", async (string body, int period, ComplianceQueries queries, CancellationToken ct) =>
                await queries.DeadlineComplianceAsync(body, period, ct) ?? throw new NotFound("Reports of", $"{body} {period}"))
            .WithName("GetDeadlineCompliance")
            .WithSummary("Delivered, counted (one-day services excluded), distinct late deliveries by source, share, internal-control share, previous period and direction")
            .Produces<DeadlineComplianceView>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/quality-violations", (string body, int period, ComplianceQueries queries, CancellationToken ct) =>
                queries.QualityViolationsAsync(body, period, ct))
            .WithName("GetQualityViolations")
            .WithSummary("Standing violations by type: found by inspections, by the body's internal control, and in total")
            .Produces<QualityViolationsView>();
    }
}

using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Deliveries;
using Monitoring.Domain.Common;
using Monitoring.Projections.Deliveries;

namespace Monitoring.Api.Deliveries;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Delivery and internal-control reports");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.ReportWrite);

        write.MapCommand<SubmitDeliveryReport>("/deliveries", (c, _) => $"/api/reports/deadline-compliance?body={c.BodyCode}&period={c.Period}")
            .BodyScoped<SubmitDeliveryReport>()
            .WithSummary("Submit a delivery report (delivered, refusals, late cases by reference) of a body for a period; the same submission twice is a 409")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<SubmitInternalControlReport>("/internal-control", (c, _) => $"/api/reports/quality-violations?body={c.BodyCode}&period={c.Period}")
            .BodyScoped<SubmitInternalControlReport>()
            .WithSummary("Submit a body's internal-control report for a period")
            .ProducesProblem(StatusCodes.Status409Conflict);

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

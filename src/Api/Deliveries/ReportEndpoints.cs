using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Deliveries;
using Monitoring.Domain.Common;
using Monitoring.Projections.Deliveries;
using Wolverine;

namespace Monitoring.Api.Deliveries;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Delivery and internal-control reports");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.ReportWrite);

        write.MapPost("/deliveries", (SubmitDeliveryReport command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, _ => $"/api/reports/deadline-compliance?body={command.BodyCode}&period={command.Period}"))
            .WithName("SubmitDeliveryReport").BodyScoped<SubmitDeliveryReport>()
            .WithSummary("Submit a delivery report (delivered, refusals, late cases by reference) of a body for a period; the same submission twice is a 409")
            .Produces<CommandResult>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/internal-control", (SubmitInternalControlReport command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, _ => $"/api/reports/quality-violations?body={command.BodyCode}&period={command.Period}"))
            .WithName("SubmitInternalControlReport").BodyScoped<SubmitInternalControlReport>()
            .WithSummary("Submit a body's internal-control report for a period")
            .Produces<CommandResult>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

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

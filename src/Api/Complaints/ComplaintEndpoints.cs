using Marten;
using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Complaints;
using Monitoring.Domain.Common;
using Monitoring.Domain.Complaints;
using Monitoring.Projections.Complaints;
using Wolverine;

namespace Monitoring.Api.Complaints;

public static class ComplaintEndpoints
{
    public sealed record DecideRequest(bool Justified, string Reason, DateOnly DecidedOn);
    public sealed record AnswerRequest(DateOnly AnsweredOn);

    public static void MapComplaints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/complaints").WithTags("Complaints");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.ReportWrite);

        write.MapPost("", (LodgeComplaint command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, r => $"/api/complaints/{r.Id}"))
            .WithName("LodgeComplaint").WithSummary("Record a complaint lodged with a body; its answer deadline is fixed now")
            .BodyScoped<LodgeComplaint>()
            .Produces<CommandResult>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/{id}/decide", (string id, DecideRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new DecideComplaint(id, r.Justified, r.Reason, r.DecidedOn), http))
            .WithName("DecideComplaint").WithSummary("Decide a complaint justified or unjustified, with the reason")
            .BodyScoped<DecideComplaint>()
            .Produces<CommandResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/{id}/answer", (string id, AnswerRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new AnswerComplaint(id, r.AnsweredOn), http))
            .WithName("AnswerComplaint").WithSummary("Record that the complainant was answered")
            .BodyScoped<AnswerComplaint>()
            .Produces<CommandResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        read.MapGet("/totals", (string? body, int? period, ComplaintQueries queries, CancellationToken ct) => queries.TotalsAsync(body, period, ct))
            .WithName("GetComplaintTotals").WithSummary("Per body and period: lodged, justified, answered on time or late, overdue")
            .Produces<IReadOnlyList<ComplaintTotals>>();

        read.MapGet("/{id}", async (string id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<ComplaintView>(Complaint.StreamKey(id), ct) ?? throw new NotFound("Complaint", id))
            .WithName("GetComplaint").Produces<ComplaintView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using Marten;
using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Complaints;
using Monitoring.Domain.Common;
using Monitoring.Domain.Complaints;
using Monitoring.Projections.Complaints;

namespace Monitoring.Api.Complaints;

public static class ComplaintEndpoints
{
    public static void MapComplaints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/complaints").WithTags("Complaints");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.ReportWrite);

        write.MapCommand<LodgeComplaint>("", (c, _) => $"/api/complaints/{c.ComplaintId}").BodyScoped<LodgeComplaint>()
            .WithSummary("Record a complaint lodged with a body; its answer deadline is fixed now")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<DecideComplaint>("/{complaintId}/decide").BodyScoped<DecideComplaint>()
            .WithSummary("Decide a complaint justified or unjustified, with the reason")
            .Changes();
        write.MapCommand<AnswerComplaint>("/{complaintId}/answer").BodyScoped<AnswerComplaint>()
            .WithSummary("Record that the complainant was answered")
            .Changes();

        read.MapGet("/totals", (string? body, int? period, ComplaintQueries queries, CancellationToken ct) => queries.TotalsAsync(body, period, ct))
            .WithName("GetComplaintTotals").WithSummary("Per body and period: lodged, justified, answered on time or late, overdue")
            .Produces<IReadOnlyList<ComplaintTotals>>();

        read.MapGet("/{id}", async (string id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<ComplaintView>(Complaint.StreamKey(id), ct) ?? throw new NotFound("Complaint", id))
            .WithName("GetComplaint").Produces<ComplaintView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using Monitoring.Domain.Complaints;
using Monitoring.Projections.Complaints;

namespace Monitoring.Api.Complaints;

public static class ComplaintEndpoints
{
    public static void MapComplaints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/complaints").WithTags("Complaints").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<LodgeComplaint>("Complaints", Policies.ReportWrite);

        read.MapGet("/totals", (string? body, int? period, ComplaintQueries queries, CancellationToken ct) => queries.TotalsAsync(body, period, ct))
            .WithName("GetComplaintTotals").WithSummary("Per body and period: lodged, justified, answered on time or late, overdue")
            .Produces<IReadOnlyList<ComplaintTotals>>();

        read.MapGet("/{id}", (string id, ComplaintQueries queries, CancellationToken ct) => queries.ComplaintAsync(id, ct))
            .WithName("GetComplaint").WithSummary("A complaint with its deadline, answer and decision, and who recorded each").Produces<ComplaintView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

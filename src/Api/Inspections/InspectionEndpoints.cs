using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Inspections;

namespace Monitoring.Api.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inspections").WithTags("Inspections");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.InspectionWrite);

        write.MapCommand<OpenInspection>("", (c, _) => $"/api/inspections/{c.InspectionId}")
            .WithSummary("Open a control inspection of a body or unit (inspectors only)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<RecordViolation>("/{inspectionId}/violations", (c, _) => $"/api/inspections/{c.InspectionId}")
            .WithSummary("Record a violation in an open inspection: a count or individual cases (a closed inspection answers 409)")
            .Changes();
        write.MapCommand<CorrectViolation>("/{inspectionId}/violations/{violationId}/correct")
            .WithSummary("Correct a violation's type, count or cases, with the reason (also after closing)")
            .Changes();
        write.MapCommand<RevokeViolation>("/{inspectionId}/violations/{violationId}/revoke")
            .WithSummary("Withdraw a violation with the reason (also after closing); it stays in the history")
            .Changes();
        write.MapCommand<CloseInspection>("/{inspectionId}/close")
            .WithSummary("Close an inspection with findings and recommendations; it is frozen for new violations")
            .Changes();
        write.MapCommand<FulfilRecommendation>("/{inspectionId}/recommendations/{recommendationId}/fulfil")
            .WithSummary("Mark a recommendation of a closed inspection fulfilled")
            .Changes();
        GetViolationTotalsEndpoint.Map(read);
        GetInspectionEndpoint.Map(read);
        ListInspectionsEndpoint.Map(read);
    }
}

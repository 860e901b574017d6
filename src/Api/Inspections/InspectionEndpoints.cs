using Monitoring.Api.Auth;

namespace Monitoring.Api.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inspections").WithTags("Inspections");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.InspectionWrite);

        OpenInspectionEndpoint.Map(write);
        RecordViolationEndpoint.Map(write);
        CorrectViolationEndpoint.Map(write);
        RevokeViolationEndpoint.Map(write);
        CloseInspectionEndpoint.Map(write);
        FulfilRecommendationEndpoint.Map(write);
        GetViolationTotalsEndpoint.Map(read);
        GetInspectionEndpoint.Map(read);
        ListInspectionsEndpoint.Map(read);
    }
}

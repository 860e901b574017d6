using Monitoring.Api.Auth;

namespace Monitoring.Api.Surveys;

public static class SurveyEndpoints
{
    public static void MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/surveys").WithTags("Surveys");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.SurveyWrite);

        OpenSurveyCampaignEndpoint.Map(write);
        RecordContactListFiguresEndpoint.Map(write);
        RecordSurveyResponseEndpoint.Map(write);
        ImportSurveyResponsesEndpoint.Map(write);
        ImportPublishedReportEndpoint.Map(write);
        ListCampaignsEndpoint.Map(read);
        GetCampaignEndpoint.Map(read);
        GetPublishedWarningsEndpoint.Map(read);
        GetRatingsEndpoint.Map(read);
        GetRatingChangesEndpoint.Map(read);
        GetSliceEndpoint.Map(read);
        GetSocialConcernEndpoint.Map(read);
        GetCriteriaSumEndpoint.Map(read);
    }
}

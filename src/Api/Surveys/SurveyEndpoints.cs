using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Surveys;

namespace Monitoring.Api.Surveys;

public static class SurveyEndpoints
{
    public static void MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/surveys").WithTags("Surveys");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.SurveyWrite);

        write.MapCommand<OpenSurveyCampaign>("/campaigns", (_, r) => $"/api/surveys/campaigns/{r.Id}")
            .WithSummary("Open a survey campaign: period, kind, scale, ranking rule, criteria and services")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<RecordContactListFigures>("/campaigns/{campaignCode}/contacts")
            .WithSummary("Record a campaign's contact list figures (contacts, reached, refused → response rate)")
            .ProducesProblem(StatusCodes.Status404NotFound);
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

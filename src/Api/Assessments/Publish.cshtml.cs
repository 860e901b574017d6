using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}/publish</c>: an assessor publishes the scorecard as it stands — revision 1, or a later
/// revision with the reason — frozen with its inputs and content hash. As at the API, the survey read model gets its time
/// to reach the evidence before the command is sent.
/// </summary>
[Authorize(Policy = WebPolicies.Assess)]
public sealed class PublishModel(AssessmentQueries queries, AssessmentEvidenceLoader loader, IStringLocalizer<UiText> t) : AssessmentActionPage(queries)
{
    [BindProperty] public string? Reason { get; set; }

    public static readonly string[] Fields = ["reason"];

    public AssessmentScorecard Card { get; private set; } = null!;

    protected override async Task LoadMoreAsync(CancellationToken ct) => Card = await Queries.ScorecardAsync(Body, Period, null, null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await loader.WaitForSurveyAsync(PublishAssessmentHandler.SurveyWait, ct);
        return await ActAsync(new PublishAssessment(Body, Period, string.IsNullOrWhiteSpace(Reason) ? null : Reason, ExpectedVersion),
            r => t["PublishedDone", r.Id.Split('/')[^1]], "revisions", ct);
    }
}

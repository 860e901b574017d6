using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary><c>/assessments/{body}/{period}/recognition</c>: an assessor recognises (or refuses) the measures last reported, with the reason.</summary>
[Authorize(Policy = WebPolicies.Assess)]
public sealed class RecognitionModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentActionPage(queries)
{
    [BindProperty] public bool? Recognised { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public static readonly string[] Fields = ["recognised", "reason"];

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Recognised is null) FieldError("recognised", "choose whether the measures are recognised");
        return await ActAsync(new RecogniseSatisfactionMeasures(Body, Period, Recognised ?? false, Reason ?? "", ExpectedVersion),
            _ => t[Recognised == true ? "RecognisedDone" : "RefusedDone"], "measures-title", ct);
    }
}

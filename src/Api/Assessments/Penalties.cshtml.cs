using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary><c>/assessments/{body}/{period}/penalties</c>: the penalties so far, and an assessor assesses one (points, reason, legal basis).</summary>
[Authorize(Policy = WebPolicies.Assess)]
public sealed class PenaltiesModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentActionPage(queries)
{
    [BindProperty] public string? PenaltyId { get; set; }
    [BindProperty] public string? Points { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? LegalBasis { get; set; }

    public static readonly string[] Fields = ["penaltyId", "points", "reason", "legalBasis"];

    /// <summary>A penalty id not used yet on this assessment, offered in the form.</summary>
    public string NextId => PenaltyId ?? $"p{Record.Penalties.Count + 1}";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!FormValues.TryDecimal(Points, out var points) || points is null) FieldError("points", FormValues.NotANumber);
        return await ActAsync(new AssessPenalty(Body, Period, PenaltyId?.Trim() ?? "", points ?? 0, Reason ?? "", LegalBasis ?? "", ExpectedVersion),
            r => t["PenaltyDone", r.Id], "penalties-title", ct);
    }
}

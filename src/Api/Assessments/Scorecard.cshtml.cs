using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}</c>: the scorecard as the conclusion document lays it out (criteria, indicators, points,
/// total, penalty, final, band, change against the previous period), live or as known at <c>asOf</c>; every figure links
/// to its explanation for those who may audit; the inputs, the published revisions with their hashes, and what was
/// recorded on the assessment (measures, recognitions, penalties). Assessors reach their actions from here.
/// </summary>
public sealed class ScorecardModel(AssessmentQueries queries) : AssessmentPage
{
    public AssessmentScorecard Card { get; private set; } = null!;
    public AssessmentView Record { get; private set; } = null!;
    public MethodologyVersion Version { get; private set; } = null!;
    public bool Audits => User.Allows(WebPolicies.Audit);

    /// <summary>Assessors act on the live assessment only (not on a past view of it).</summary>
    public bool Acts => User.Allows(WebPolicies.Assess) && Time.AsOf is null;

    /// <summary>The link to a figure's explanation (kept at the page's moment), or null for a reader who may not audit.</summary>
    public string? Explain(string figure) => Audits ? Time.Link($"{Home}/figures/{Uri.EscapeDataString(figure)}") : null;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Card = await queries.ScorecardAsync(Body, Period, Time.AsOf, null, ct);
        Record = await queries.AssessmentAsync(Body, Period, ct);
        Version = await queries.MethodologyAsync(Card.Methodology.Code, ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}

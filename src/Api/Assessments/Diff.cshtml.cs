using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}/diff?fromRevision=N</c> (or <c>?from=…&amp;to=…</c>): what changed between a published
/// revision or a moment and a later moment (now by default) — the figures and inputs that moved and the events recorded in
/// between that moved them (the API's diff, for auditors). Without a starting point it starts at the latest revision.
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class DiffModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentPage
{
    [BindProperty(SupportsGet = true)] public int? FromRevision { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public static readonly string[] Fields = ["fromRevision", "from", "to", "asOf"];

    public ScorecardDiff? Diff { get; private set; }
    public IReadOnlyList<RevisionSummary> Revisions { get; private set; } = [];
    public ScorecardResult Scorecard { get; private set; } = null!;
    public DateTimeOffset? FromMoment { get; private set; }
    public DateTimeOffset? ToMoment { get; private set; }

    /// <summary>A figure's explanation as of the end of the comparison.</summary>
    public string Link(string figure) => ToMoment is { } to
        ? Time.LinkNow($"{Home}/figures/{Uri.EscapeDataString(figure)}", ("asOf", PageTime.Instant(to)))
        : Time.LinkNow($"{Home}/figures/{Uri.EscapeDataString(figure)}");

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var assessment = await queries.AssessmentAsync(Body, Period, ct);
        Revisions = assessment.Revisions.Select(AssessmentQueries.Summary).ToList();
        Scorecard = (await queries.ScorecardAsync(Body, Period, null, null, ct)).Scorecard;
        FromMoment = PageTime.Moment(From, Time.Zone, out var fromError);
        ToMoment = PageTime.Moment(To, Time.Zone, out var toError);
        if (fromError is not null) FieldError("from", fromError);
        if (toError is not null) FieldError("to", toError);
        if (FromRevision is null && FromMoment is null && fromError is null) FromRevision = Revisions.LastOrDefault()?.Revision;
        if (!ModelState.IsValid || (FromRevision is null && FromMoment is null)) return;
        try
        {
            Diff = await queries.DiffAsync(Body, Period, FromMoment, FromRevision, ToMoment, ct);
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.ProblemOf(e) is { Status: 400 } problem)
        {
            Refused(problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Tables.Add(Changes("figures", t["ChangedFigures"], Diff.Figures));
        Tables.Add(Changes("inputs", t["ChangedInputs"], Diff.Inputs));
        Tables.Add(EventTable.Of("events", t["ChangingEvents"], Diff.Events, t, Time).SortFrom(Request));
    }

    private Table Changes(string id, string caption, IEnumerable<FigureChange> changes)
    {
        var table = new Table(id, caption,
            [new Column("figure", t["Figure"]), new Column("code", t["Code"]), new Column("from", t["From"], Sortable: false), new Column("to", t["To"], Sortable: false)],
            EventTable.Id("diff", Body, Period.ToString(), id));
        foreach (var c in changes)
            table.Add(Link(c.Figure), ("figure", t.Label(c.Figure, Scorecard)), ("code", c.Figure), ("from", FigureText.Number(c.From)), ("to", FigureText.Number(c.To)));
        return table.SortFrom(Request);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}/figures/{figure}/history</c>: every change of one figure over recording time, each with
/// the event that caused it, as a step chart and a table (the API's figure history, for auditors).
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class HistoryModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentPage
{
    [BindProperty(SupportsGet = true)] public string Figure { get; set; } = "";

    public FigureHistory History { get; private set; } = null!;
    public Chart Chart { get; private set; } = null!;
    public Table Changes { get; private set; } = null!;
    public string Label { get; private set; } = "";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        History = await queries.HistoryAsync(Body, Period, Figure, ct);
        Label = t.Label(History.Figure, (await queries.ScorecardAsync(Body, Period, null, null, ct)).Scorecard);
        // A step per change, held until the next one; the last step is held until now.
        var labels = History.Changes.Select(c => Time.Show(c.Event.RecordedAt)).Append(t["Now"].Value).ToList();
        var values = History.Changes.Select(c => c.To).Append(History.Current).ToList();
        Chart = new Chart("history", ChartKind.Step, t["HistoryChart", Label], labels, [new ChartSeries(Label, values)], t["Value"]);

        Changes = new Table("changes", t["Changes"],
        [
            new Column("sequence", t["Sequence"], ColumnKind.Integer), new Column("recordedAt", t["RecordedAt"]),
            new Column("from", t["From"], Sortable: false), new Column("to", t["To"], Sortable: false), new Column("type", t["EventType"]),
            new Column("recordedBy", t["By"]), new Column("source", t["Source"]), new Column("stream", t["Stream"]),
        ], EventTable.Id("history", Body, Period.ToString(), History.Figure));
        foreach (var c in History.Changes)
            Changes.Add(EventTable.Link(c.Event.Sequence), ("sequence", c.Event.Sequence), ("recordedAt", Time.Show(c.Event.RecordedAt)),
                ("from", FigureText.Number(c.From)), ("to", FigureText.Number(c.To)), ("type", c.Event.EventType), ("recordedBy", c.Event.RecordedBy),
                ("source", t.Source(c.Event.Source)), ("stream", c.Event.Stream));
        Tables.Add(Changes.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}

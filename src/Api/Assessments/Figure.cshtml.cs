using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}/figures/{figure}</c>: how a figure (final, sum, penalty, a criterion, an indicator, an
/// input) was derived, live or as of <c>asOf</c> — its formula and parameters under the methodology version, the inputs,
/// and for each input the events behind it, each a link to the raw event. The API's explanation, for auditors.
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class FigureModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentPage
{
    [BindProperty(SupportsGet = true)] public string Figure { get; set; } = "";

    /// <summary>How many of each input's latest events are listed (the API's default unless asked).</summary>
    [BindProperty(SupportsGet = true)] public int? Events { get; set; }

    public ScorecardExplanation Explanation { get; private set; } = null!;
    public int EventsShown => Math.Clamp(Events ?? AssessmentQueries.DefaultEventsPerInput, 1, 10_000);

    /// <summary>The events table of each input under each indicator (and of the other inputs, under "").</summary>
    public Dictionary<(string Indicator, string Input), Table> EventTables { get; } = [];

    public string Link(string figure) => Time.Link($"{Home}/figures/{Uri.EscapeDataString(figure)}");

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Explanation = await queries.ExplainAsync(Body, Period, Figure, Time.AsOf, EventsShown, ct);
        foreach (var indicator in Explanation.Indicators)
            foreach (var input in indicator.Inputs)
                Add(indicator.Code, input);
        foreach (var input in Explanation.OtherInputs) Add("", input);
    }

    private void Add(string indicator, ExplainedInput input)
    {
        var table = EventTable.Of(EventTable.Id("events", indicator, input.Name), t["EventsOf", t.Label(input.Name)], input.Events, t, Time).SortFrom(Request);
        EventTables[(indicator, input.Name)] = table;
        Tables.Add(table);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}

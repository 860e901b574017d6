using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using ColumnKind = Monitoring.Api.Web.ColumnKind;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Ad-hoc slices of the answers — <c>GET /api/surveys/slice</c>: any of its filters and up to two groupings, as a table
/// and a grouped bar chart (the first grouping as the bars' labels, the second as the series). What the API refuses is
/// shown with its reasons on the form's fields.
/// </summary>
public sealed class SlicesModel(SurveyRatingsQueries ratings, SurveyCampaignQueries campaigns, CatalogueQueries catalogue,
    IStringLocalizer<UiText> text) : SurveyPage(campaigns, catalogue, text)
{
    /// <summary>What a newcomer sees first: every body's satisfaction per period.</summary>
    public static readonly string[] DefaultGroupBy = ["body", "period"];

    private static readonly string[] NotChoices = ["handler", "table", "format"];

    [BindProperty(SupportsGet = true)] public string? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public int? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Gender { get; set; }
    [BindProperty(SupportsGet = true)] public string? AgeBand { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Criterion { get; set; }
    [BindProperty(SupportsGet = true)] public string[] GroupBy { get; set; } = [];
    [BindProperty(SupportsGet = true)] public int? SmallSample { get; set; }
    [BindProperty(SupportsGet = true)] public DateTimeOffset? AsOf { get; set; }

    public IReadOnlyList<SliceBy> Groups { get; private set; } = [];
    public Table? Slice { get; private set; }
    public Chart? Chart { get; private set; }

    /// <summary>The grouping chosen in the n-th picker ("" for none).</summary>
    public string GroupAt(int i) => i < GroupBy.Length ? GroupBy[i] : "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        // Nothing chosen yet (a sort or an export of that first view chooses nothing either): the default view.
        if (!Request.Query.Keys.Any(k => !NotChoices.Contains(k) && !k.StartsWith("sort_", StringComparison.Ordinal)))
            GroupBy = DefaultGroupBy;
        if (!ModelState.IsValid) return; // a number or a date that is not one: said on its field

        var chosen = string.Join(",", GroupBy.Select(g => g.Trim()).Where(g => g.Length > 0));
        var groups = await ReadAsync(() => Task.FromResult(SliceBy.Parse(chosen)));
        if (groups is null) return;
        Groups = groups;
        var filter = new SurveyRatingsQueries.SliceFilter(Blank(Campaign), Period, Blank(Service), Blank(Body), Blank(Region), Blank(Channel),
            Blank(Gender), Blank(AgeBand), Blank(Source), Blank(Criterion), AsOf);
        var rows = await ReadAsync(() => ratings.SliceAsync(filter, groups, SmallSample ?? SatisfactionFigures.DefaultSmallSampleThreshold, ct));
        if (rows is null) return;

        Slice = new Table("slice", T["SliceCaption"],
            [.. groups.Select((g, i) => new Column($"g{i}", T["Dim_" + g.Name])), .. FigureColumns()],
            $"slice-{(groups.Count == 0 ? "total" : string.Join("-", groups.Select(g => g.Name)))}");
        foreach (var row in rows)
            Slice.Rows.Add(RowOf(row.Figures, null,
                [.. groups.Select((g, i) => ($"g{i}", (object?)Names.Of(g.Name, row.Group[g.Name]))), .. FigureCells(row.Figures)]));
        Slice.SortFrom(Request);
        Tables.Add(Slice);
        Chart = GroupedChart(Slice, groups.Count);
    }

    /// <summary>Satisfaction per first grouping (the labels), one series per value of the second (or one series).</summary>
    private Chart GroupedChart(Table table, int groups)
    {
        string Label(Row r) => groups == 0 ? T["AllAnswers"] : (string)r["g0"]!;
        var labels = table.Rows.Select(Label).Distinct().ToList();
        List<string> seriesNames = groups < 2 ? [T["Col_Satisfaction"].Value] : table.Rows.Select(r => (string)r["g1"]!).Distinct().ToList();
        var series = seriesNames.Select(name => new ChartSeries(name, labels.Select(label => (decimal?)table.Rows
            .FirstOrDefault(r => Label(r) == label && (groups < 2 || (string)r["g1"]! == name))?["satisfaction"]).ToList())).ToList();
        return new Chart("slice", ChartKind.Bar, $"{T["Col_Satisfaction"]}, %", labels, series, "%", 100);
    }
}

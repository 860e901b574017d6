using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using ColumnKind = Monitoring.Api.Web.ColumnKind;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Ratings of a campaign, of campaigns listed, or of a period's campaigns (of one kind) by service, body, region, channel or
/// criterion — <c>GET /api/surveys/ratings</c> — with the year-over-year change against the previous comparable campaign
/// (<c>GET /api/surveys/ratings/changes</c>) and its comparability warnings. From a body, its services: the body's answers
/// sliced by service (<c>GET /api/surveys/slice?body=…&amp;groupBy=service</c>), ranked by the campaigns' rule.
/// </summary>
public sealed class RatingsModel(SurveyRatingsQueries ratings, SurveyCampaignQueries campaigns, CatalogueQueries catalogue,
    IStringLocalizer<UiText> text) : SurveyPage(campaigns, catalogue, text)
{
    /// <summary>The views offered as tabs (the API also knows pairs such as <c>body|region</c>; a URL may ask for them).</summary>
    public static readonly string[] Dimensions = ["service", "body", "region", "channel", "criterion"];

    [BindProperty(SupportsGet = true)] public string? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public int? Period { get; set; }
    [BindProperty(SupportsGet = true)] public SurveyKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? By { get; set; }
    /// <summary>Drill-down: the services of this body.</summary>
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    /// <summary>The campaign the year-over-year change looks back to (by default the previous comparable one).</summary>
    [BindProperty(SupportsGet = true)] public string? Previous { get; set; }

    public RatingsView? View { get; private set; }
    /// <summary>The figures the page leads with: the total of the view, or of the body drilled into.</summary>
    public SatisfactionFigures? Total { get; private set; }
    public bool Defaulted { get; private set; }
    public RatingChangesView? Changes { get; private set; }
    public Table? Ratings { get; private set; }
    public Table? ChangesTable { get; private set; }
    public Chart? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Body is not null) By = "service";
        By ??= "service";
        if (Campaign is null && Period is null && Kind is null)
        {
            Campaign = (await LatestWithAnswersAsync(ratings, AllCampaigns, ct))?.Code;
            Defaulted = Campaign is not null;
            if (Campaign is null) return;
        }
        if (!ModelState.IsValid) return; // a period that is not a number: said on its field
        var scope = new CampaignScope(Campaign, Period, Kind);
        var dimension = await ReadAsync(() => Task.FromResult(Dimension.Parse(By, "by")));
        if (dimension is null) return;

        if (Body is null) await LoadViewAsync(scope, dimension, ct);
        else await LoadBodyServicesAsync(scope, Body, ct);
        if (View is null || Ratings is null) return;

        Ratings.SortFrom(Request);
        Tables.Add(Ratings);
        var rows = Ratings.Rows.Where(r => r["satisfaction"] is not null).ToList();
        Chart = new Chart("ratings", ChartKind.Bar, $"{T["Col_Satisfaction"]}, %",
            rows.Select(r => Shorten((string)r["name"]!)).ToList(),
            [new ChartSeries(T["Col_Satisfaction"], rows.Select(r => (decimal?)r["satisfaction"]).ToList())], "%", 100);

        if (Body is null && View.Campaigns.Count == 1) await LoadChangesAsync(View.Campaigns[0], dimension, ct);
    }

    private async Task LoadViewAsync(CampaignScope scope, Dimension dimension, CancellationToken ct)
    {
        View = await ReadAsync(() => ratings.RatingsAsync(scope, dimension, ct));
        if (View is null) return;
        Total = View.Total.Figures;
        Ratings = RatingsTable();
        foreach (var row in View.Rows)
            Ratings.Rows.Add(RowOf(row.Figures, LinkOf(dimension, row.Key),
                [("name", Names.Of(dimension, row.Key)), ("code", row.Key), ("rank", row.Rank), .. FigureCells(row.Figures)]));
    }

    /// <summary>
    /// The services of one body: its answers sliced by service, ranked by the campaigns' rule among the body's services
    /// (small samples unranked). A slice filters one campaign or one period, so the view must be one of those.
    /// </summary>
    private async Task LoadBodyServicesAsync(CampaignScope scope, string body, CancellationToken ct)
    {
        View = await ReadAsync(() => ratings.RatingsAsync(scope, Dimension.Body, ct));
        if (View is null) return;
        var bodyRow = View.Rows.FirstOrDefault(r => r.Key == body);
        if (bodyRow is null)
        {
            FieldError("body", string.Format(T["BodyNotInView"], body));
            return;
        }
        var period = AllCampaigns.Where(c => c.Period == View.Period).Select(c => c.Code).ToHashSet();
        SurveyRatingsQueries.SliceFilter filter;
        if (View.Campaigns.Count == 1) filter = new(View.Campaigns[0], null, null, body, null, null, null, null, null, null);
        else if (period.SetEquals(View.Campaigns)) filter = new(null, View.Period, null, body, null, null, null, null, null, null);
        else
        {
            FieldError("body", T["DrillDownOneCampaign"]);
            return;
        }
        var slice = await ReadAsync(() => ratings.SliceAsync(filter, [SliceBy.Service], View.SmallSampleThreshold, ct));
        if (slice is null) return;
        Total = bodyRow.Figures;
        var ranks = Ranking.Rank(slice.Select(r => (Key: r.Group[SliceBy.Service.Name] ?? "", r.Figures)), View.RankingRule)
            .ToDictionary(r => r.Key, r => r.Position);
        Ratings = RatingsTable();
        foreach (var row in slice.Select(r => (Key: r.Group[SliceBy.Service.Name] ?? "", r.Figures))
                     .OrderBy(r => ranks.TryGetValue(r.Key, out var p) ? p : int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal))
            Ratings.Rows.Add(RowOf(row.Figures, LinkOf(Dimension.Service, row.Key),
                [("name", Names.Of("service", row.Key)), ("code", row.Key), ("rank", ranks.TryGetValue(row.Key, out var rank) ? rank : null),
                    .. FigureCells(row.Figures)]));
    }

    private async Task LoadChangesAsync(string campaign, Dimension dimension, CancellationToken ct)
    {
        var current = AllCampaigns.FirstOrDefault(c => c.Code == campaign);
        var previous = Previous ?? (current is null ? null : SurveyCampaignQueries.Previous(current, AllCampaigns)?.Code);
        if (previous is null) return;
        Changes = await ReadAsync(() => ratings.ChangesAsync(campaign, previous, dimension, ct));
        if (Changes is null) return;
        ChangesTable = new Table("changes", string.Format(T["ChangesCaption"], Changes.Campaign, Changes.PreviousCampaign),
        [
            new("name", T["Col_Name"]), new("code", T["Col_Code"]), new("rank", T["Col_Rank"], ColumnKind.Integer),
            new("satisfaction", T["Col_Satisfaction"], ColumnKind.Percent1), new("satisfactionBefore", T["Col_SatisfactionBefore"], ColumnKind.Percent1),
            new("satisfactionChange", T["Col_SatisfactionChange"], ColumnKind.Percent1), new("mean", T["Col_Mean"], ColumnKind.Decimal2),
            new("meanBefore", T["Col_MeanBefore"], ColumnKind.Decimal2), new("meanChange", T["Col_MeanChange"], ColumnKind.Decimal2),
            new("significant", T["Col_Significant"], ColumnKind.Flag), new("comparable", T["Col_Comparable"]),
        ], $"changes-{Changes.Campaign}-{Changes.PreviousCampaign}-{Changes.Dimension.Replace('|', '-')}");
        foreach (var row in Changes.Rows)
            ChangesTable.Rows.Add(new Row(new Dictionary<string, object?>
            {
                ["name"] = Names.Of(dimension, row.Key), ["code"] = row.Key, ["rank"] = row.Current?.Rank,
                ["satisfaction"] = row.Current?.Figures.SatisfactionPercent, ["satisfactionBefore"] = row.Previous?.Figures.SatisfactionPercent,
                ["satisfactionChange"] = row.Change?.SatisfactionChangePoints, ["mean"] = row.Current?.Figures.MeanRounded,
                ["meanBefore"] = row.Previous?.Figures.MeanRounded, ["meanChange"] = row.Change?.MeanChangeRounded,
                ["significant"] = row.Change?.Significant,
                ["comparable"] = row.Change is { Comparable: false } ? new Badge(T["NotComparable"], "warn") : "",
            }, null, row.Change is { Comparable: false } ? "not-comparable" : null));
        ChangesTable.SortFrom(Request);
        Tables.Add(ChangesTable);
    }

    private Table RatingsTable() => new("ratings",
        Body is null ? string.Format(T["RatingsCaption"], T["By_" + By]) : string.Format(T["BodyServicesCaption"], Names.Of("body", Body)),
        [new Column("name", T["Col_Name"]), new Column("code", T["Col_Code"]), new Column("rank", T["Col_Rank"], ColumnKind.Integer), .. FigureColumns()],
        $"ratings-{string.Join("-", View!.Campaigns)}-{(Body is null ? By!.Replace('|', '-') : "body-" + Body)}");

    /// <summary>Where a row leads: a body to its services, a service to its trend over the years.</summary>
    private string? LinkOf(Dimension dimension, string key) => dimension.Name switch
    {
        "body" => $"{Url.Page("/Surveys/Ratings")}?{ScopeQuery()}&by=service&body={Uri.EscapeDataString(key)}",
        "service" => $"{Url.Page("/Surveys/Trends")}?service={Uri.EscapeDataString(key)}",
        _ => null,
    };

    /// <summary>The chosen campaigns as a query string (campaign=…, or period=…&amp;kind=…).</summary>
    public string ScopeQuery()
    {
        var parts = new List<string>();
        if (Campaign is not null) parts.Add($"campaign={Uri.EscapeDataString(Campaign)}");
        if (Period is not null) parts.Add($"period={Period}");
        if (Kind is not null) parts.Add($"kind={Kind}");
        return string.Join("&", parts);
    }

    /// <summary>The link to a view of the same campaigns.</summary>
    public string ByLink(string by) => $"{Url.Page("/Surveys/Ratings")}?{ScopeQuery()}&by={Uri.EscapeDataString(by)}";

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..59] + "…";
}

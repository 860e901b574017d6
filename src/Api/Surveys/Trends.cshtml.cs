using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using ColumnKind = Monitoring.Api.Web.ColumnKind;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// A body's or a service's satisfaction and mean over the years: its row of the rating view of every campaign of one kind
/// (<c>GET /api/surveys/ratings?campaign=…&amp;by=body|service</c>), oldest first, with the change against the campaign
/// before and the reasons it may not be comparable (<c>GET /api/surveys/ratings/changes</c>).
/// </summary>
public sealed class TrendsModel(SurveyRatingsQueries ratings, SurveyCampaignQueries campaigns, CatalogueQueries catalogue,
    IStringLocalizer<UiText> text) : SurveyPage(campaigns, catalogue, text)
{
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public SurveyKind Kind { get; set; } = SurveyKind.NationalPublicMonitoring;

    /// <summary>What the trend is of: <c>body</c> or <c>service</c>, and its code.</summary>
    public (string Axis, string Code)? Subject { get; private set; }
    public Table? Trend { get; private set; }
    public Chart? SatisfactionChart { get; private set; }
    public Chart? MeanChart { get; private set; }
    /// <summary>Each step that is not comparable with the one before: the two campaigns and the reasons.</summary>
    public List<(string Campaign, string Previous, IReadOnlyList<string> Caveats)> Caveats { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        (Body, Service) = (Blank(Body), Blank(Service));
        if (!ModelState.IsValid) return;
        if (Body is not null && Service is not null)
        {
            FieldError("service", T["BodyOrService"]);
            return;
        }
        if (Service is not null && Names.Services.All(s => s.Code != Service))
        {
            FieldError("service", string.Format(T["UnknownService"], Service));
            return;
        }
        if (Body is not null && Names.Bodies.All(b => b.Code != Body))
        {
            FieldError("body", string.Format(T["UnknownBody"], Body));
            return;
        }
        Body ??= Service is null ? await LargestBodyAsync(ct) : null;
        if (Body is null && Service is null) return;

        var (dimension, axis, code) = Service is not null ? (Dimension.Service, "service", Service) : (Dimension.Body, "body", Body!);
        Subject = (axis, code);
        var points = new List<(SurveyCampaignView Campaign, RatingRow Row)>();
        foreach (var campaign in AllCampaigns.Where(c => c.Kind == Kind))
        {
            var view = await ratings.RatingsAsync(new CampaignScope(campaign.Code, null), dimension, ct);
            if (view.Rows.FirstOrDefault(r => r.Key == code) is { Figures.Raters: > 0 } row) points.Add((campaign, row));
        }

        Trend = new Table("trend", string.Format(T["TrendCaption"], Names.Of(axis, code)),
        [
            new Column("campaign", T["Campaign"]), new Column("period", T["Period"]), new Column("rank", T["Col_Rank"], ColumnKind.Integer),
            .. FigureColumns(), new Column("satisfactionChange", T["Col_SatisfactionChange"], ColumnKind.Percent1),
            new Column("meanChange", T["Col_MeanChange"], ColumnKind.Decimal2), new Column("comparable", T["Col_Comparable"]),
        ], $"trend-{axis}-{code}-{Kind}");
        for (var i = 0; i < points.Count; i++)
        {
            var (campaign, row) = points[i];
            var change = i == 0 ? null : await ChangeAsync(campaign.Code, points[i - 1].Campaign.Code, dimension, code, ct);
            Trend.Rows.Add(RowOf(row.Figures, $"{Url.Page("/Surveys/Ratings")}?campaign={Uri.EscapeDataString(campaign.Code)}&by={axis}",
            [
                ("campaign", campaign.Code), ("period", campaign.Period.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("rank", row.Rank), .. FigureCells(row.Figures),
                ("satisfactionChange", change?.SatisfactionChangePoints), ("meanChange", change?.MeanChangeRounded),
                ("comparable", change is { Comparable: false } ? new Badge(T["NotComparable"], "warn") : ""),
            ]));
        }
        Tables.Add(Trend);

        // Several campaigns of a kind in one period are told apart by their codes.
        var labels = points.Select(p => points.Count(q => q.Campaign.Period == p.Campaign.Period) > 1 ? $"{p.Campaign.Period} · {p.Campaign.Code}" : $"{p.Campaign.Period}").ToList();
        SatisfactionChart = new Chart("trend-satisfaction", ChartKind.Line, $"{T["Col_Satisfaction"]}, %", labels,
            [new ChartSeries(T["Col_Satisfaction"], points.Select(p => p.Row.Figures.SatisfactionPercent).ToList())], "%", 100);
        MeanChart = new Chart("trend-mean", ChartKind.Line, T["Col_Mean"], labels,
            [new ChartSeries(T["Col_Mean"], points.Select(p => p.Row.Figures.MeanRounded).ToList())], T["MeanScale"], SurveyInstrument.Scale);
        Trend.SortFrom(Request);
    }

    /// <summary>The change of the subject's row against the campaign before, noting why the two may not be comparable.</summary>
    private async Task<YearOverYear?> ChangeAsync(string campaign, string previous, Dimension dimension, string code, CancellationToken ct)
    {
        var changes = await ratings.ChangesAsync(campaign, previous, dimension, ct);
        if (!changes.Comparable) Caveats.Add((campaign, previous, changes.Caveats));
        return changes.Rows.FirstOrDefault(r => r.Key == code)?.Change;
    }

    /// <summary>The body a newcomer sees first: the one with the most respondents in the latest campaign with answers.</summary>
    private async Task<string?> LargestBodyAsync(CancellationToken ct)
    {
        var latest = await LatestWithAnswersAsync(ratings, AllCampaigns.Where(c => c.Kind == Kind), ct);
        if (latest is null) return null;
        var view = await ratings.RatingsAsync(new CampaignScope(latest.Code, null), Dimension.Body, ct);
        return view.Rows.OrderByDescending(r => r.Figures.N).Select(r => r.Key).FirstOrDefault();
    }
}

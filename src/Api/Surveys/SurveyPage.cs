using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using ColumnKind = Monitoring.Api.Web.ColumnKind;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// What the survey pages share: the campaigns to choose from and the names of what they count, reads the API may refuse
/// (an unknown campaign, a grouping it does not know, two campaigns on different scales) shown with the API's reasons on
/// the form's fields instead of failing, the campaign a newcomer sees first, and the figures of a row as table cells.
/// </summary>
public abstract class SurveyPage(SurveyCampaignQueries campaigns, CatalogueQueries catalogue, IStringLocalizer<UiText> text) : WebPage
{
    protected IStringLocalizer<UiText> T { get; } = text;

    /// <summary>Every campaign, by period then code (the pickers' choices).</summary>
    public IReadOnlyList<SurveyCampaignView> AllCampaigns { get; private set; } = [];
    public SurveyNames Names { get; private set; } = null!;

    /// <summary>Reads what the forms offer: the campaigns, and the catalogue's and questionnaires' names.</summary>
    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        AllCampaigns = await campaigns.CampaignsAsync(null, ct);
        Names = await SurveyNames.LoadAsync(catalogue, AllCampaigns, T, ct);
    }

    /// <summary>A campaign, or the API's 404 (<see cref="NotFound"/>).</summary>
    protected Task<SurveyCampaignView> CampaignAsync(string code, CancellationToken ct) => campaigns.CampaignAsync(code, ct);

    /// <summary>
    /// Reads as the API's endpoint would; when the API would refuse (4xx), its reasons go on the form's fields (or above
    /// the form), the page answers with the API's status and null is returned. A fault (5xx) goes up as any fault does.
    /// </summary>
    protected async Task<TResult?> ReadAsync<TResult>(Func<Task<TResult>> read) where TResult : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.ProblemOf(e) is { Status: < 500 } problem)
        {
            Refused(problem);
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return null;
        }
    }

    /// <summary>
    /// The campaign shown when nothing is chosen: the latest national monitoring that has answers (else the latest campaign
    /// that has any), so a newcomer sees figures at once.
    /// </summary>
    protected static async Task<SurveyCampaignView?> LatestWithAnswersAsync(SurveyRatingsQueries ratings,
        IEnumerable<SurveyCampaignView> campaigns, CancellationToken ct)
    {
        var candidates = campaigns
            .OrderByDescending(c => c.Kind == SurveyKind.NationalPublicMonitoring).ThenByDescending(c => c.Period)
            .ThenBy(c => c.Code, StringComparer.Ordinal).Take(10);
        foreach (var campaign in candidates)
        {
            var total = await ratings.RatingsAsync(new CampaignScope(campaign.Code, null), Dimension.Total, ct);
            if (total.Total.Figures.Raters > 0) return campaign;
        }
        return null;
    }

    /// <summary>The columns of a row's figures, headed in the reader's language (the rounded presentation values).</summary>
    protected IEnumerable<Column> FigureColumns() =>
    [
        new("n", T["Col_N"], ColumnKind.Integer),
        new("raters", T["Col_Raters"], ColumnKind.Integer),
        new("satisfaction", T["Col_Satisfaction"], ColumnKind.Percent1),
        new("positive", T["Col_Positive"], ColumnKind.Percent1),
        new("mean", T["Col_Mean"], ColumnKind.Decimal2),
        new("sample", T["Col_Sample"], ColumnKind.Text),
    ];

    /// <summary>A row's figures as the cells of <see cref="FigureColumns"/>; a small sample carries its badge.</summary>
    protected (string Key, object? Value)[] FigureCells(SatisfactionFigures f) =>
    [
        ("n", f.N), ("raters", f.Raters), ("satisfaction", f.SatisfactionPercent), ("positive", f.PositivePercent), ("mean", f.MeanRounded),
        ("sample", f.SmallSample ? new Badge(T["SmallSample"], "warn") : ""),
    ];

    /// <summary>A text field left blank is no choice.</summary>
    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A row of a table; a small sample's row is marked (class <c>small-sample</c>) as well as badged.</summary>
    protected static Row RowOf(SatisfactionFigures figures, string? link, params (string Key, object? Value)[] cells) =>
        new(cells.ToDictionary(c => c.Key, c => c.Value), link, figures.SmallSample ? "small-sample" : null);
}

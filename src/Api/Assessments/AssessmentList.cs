using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Web;
using Monitoring.Application.Auth;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Assessments;

/// <summary>One assessment in a list: its record, the body's name and its live scorecard (the same as its page shows).</summary>
public sealed record AssessmentRow(AssessmentView Assessment, string BodyName, AssessmentScorecard Card);

/// <summary>A list of assessments and whether its reader may open the figures' explanations.</summary>
public sealed record AssessmentRows(IReadOnlyList<AssessmentRow> Rows, bool Audits);

/// <summary>The assessments a person may see (a steward: their body's only), with their live scorecards.</summary>
public static class AssessmentList
{
    /// <summary>The assessments of a period (all when null), newest first; at most <paramref name="take"/>.</summary>
    public static async Task<IReadOnlyList<AssessmentRow>> LoadAsync(AssessmentQueries queries, CatalogueQueries catalogue,
        IReadOnlyList<AssessmentView> assessments, int? period, int take, CancellationToken ct)
    {
        var rows = new List<AssessmentRow>();
        foreach (var a in assessments.Where(a => period is null || a.Period == period).Take(take))
        {
            var body = await catalogue.BodyAsync(a.BodyCode, ct);
            rows.Add(new AssessmentRow(a, body is null ? a.BodyCode : Names.Of(body), await queries.ScorecardAsync(a.BodyCode, a.Period, null, null, ct)));
        }
        return rows;
    }

    /// <summary>The assessments the actor may see: a steward's body's only (none without a body), everyone else's all.</summary>
    public static Task<IReadOnlyList<AssessmentView>> VisibleAsync(AssessmentQueries queries, Actor actor, CancellationToken ct) =>
        queries.AssessmentsAsync(actor.ActsForOwnBodyOnly ? actor.Body ?? "" : null, null, ct);
}

/// <summary>The home page's short list of the assessments of the latest periods, with the final score one click from its explanation.</summary>
public sealed class RecentAssessments(AssessmentQueries queries, CatalogueQueries catalogue) : ViewComponent
{
    public const int Count = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var actor = UserClaimsPrincipal.ToActor(HttpContext.UserName());
        var visible = await AssessmentList.VisibleAsync(queries, actor, HttpContext.RequestAborted);
        var rows = await AssessmentList.LoadAsync(queries, catalogue, visible, null, Count, HttpContext.RequestAborted);
        return View("/Assessments/_Recent.cshtml", new AssessmentRows(rows, UserClaimsPrincipal.Allows(WebPolicies.Audit)));
    }
}

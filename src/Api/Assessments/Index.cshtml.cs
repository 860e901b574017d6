using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments</c>: the assessments with their live total, penalty, final and band, filtered by period (a steward
/// sees their body's only); an assessor opens a new one here (<see cref="OpenAssessment"/>).
/// </summary>
public sealed class IndexModel(AssessmentQueries queries, CatalogueQueries catalogue, IStringLocalizer<UiText> t) : WebPage
{
    public IReadOnlyList<int> Periods { get; private set; } = [];
    public int? Period { get; private set; }
    public AssessmentRows List { get; private set; } = new([], false);
    public IReadOnlyList<CatalogueBody> Bodies { get; private set; } = [];
    public bool Assesses => User.Allows(WebPolicies.Assess);

    // The opening form, named as the API names the command's fields.
    [BindProperty] public string? BodyCode { get; set; }
    [BindProperty(Name = "period")] public string? OpenPeriod { get; set; }
    [BindProperty] public string? MethodologyCode { get; set; } = Kz2017.Version.Code;
    [BindProperty] public string? PreviousFinal { get; set; }
    [BindProperty] public string? PreviousFinalSource { get; set; }

    public static readonly string[] OpenFields = ["bodyCode", "period", "methodologyCode", "previousFinal", "previousFinalSource"];

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var visible = await AssessmentList.VisibleAsync(queries, Actor, ct);
        Periods = visible.Select(a => a.Period).Distinct().OrderDescending().ToList();
        Period = int.TryParse(Request.Query["period"], out var p) && Periods.Contains(p) ? p : null;
        List = new AssessmentRows(await AssessmentList.LoadAsync(queries, catalogue, visible, Period, int.MaxValue, ct), User.Allows(WebPolicies.Audit));
        if (Assesses) Bodies = await catalogue.BodiesAsync(null, null, null, false, ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Reading the list is for everyone; opening is the assessors' (enforced by <see cref="HandlerAuthorizationFilter"/>).</summary>
    [HandlerPolicy(WebPolicies.Assess)]
    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!int.TryParse(OpenPeriod, out var period)) FieldError("period", "must be a year, e.g. 2018");
        if (!FormValues.TryDecimal(PreviousFinal, out var previous)) FieldError("previousFinal", FormValues.NotANumber);
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var body = BodyCode?.Trim() ?? "";
        var command = new OpenAssessment(body, period, MethodologyCode?.Trim() ?? "", previous,
            string.IsNullOrWhiteSpace(PreviousFinalSource) ? null : PreviousFinalSource);
        if (await SendAsync(command, ct) is null) return await RefusedPageAsync(ct);
        Flash = t["Opened", body, period];
        return Redirect($"/assessments/{Uri.EscapeDataString(body)}/{period}");
    }
}

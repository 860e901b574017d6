using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/measures</c>: a body's steward reports its own satisfaction monitoring and the measures adopted on it
/// for an assessment period (<see cref="ReportSatisfactionMeasures"/>), and sees the assessor's recognition. A steward acts
/// for their own body only (another body is 403); an admin names the body (<c>?body=</c>).
/// </summary>
[Authorize(Policy = WebPolicies.ReportWrite)]
public sealed class MeasuresModel(AssessmentQueries queries, CatalogueQueries catalogue, IStringLocalizer<UiText> t) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public int? Period { get; set; }

    // The report's form, named as the API names the command's fields.
    [BindProperty] public bool OwnMonitoringHeld { get; set; }
    [BindProperty] public bool MeasuresAdopted { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? DocumentReference { get; set; }
    [BindProperty] public long? ExpectedVersion { get; set; }

    public static readonly string[] Fields = ["ownMonitoringHeld", "measuresAdopted", "description", "documentReference"];

    public IReadOnlyList<AssessmentView> Assessments { get; private set; } = [];
    public AssessmentView? Record { get; private set; }
    public string BodyName { get; private set; } = "";
    public PageTime Time { get; } = PageTime.Read(null, null, out _);

    /// <summary>An admin may name any body; a steward only their own (the form and the command say the same).</summary>
    private bool MayActFor(string? body) => !Actor.ActsForOwnBodyOnly || body is null || body == Actor.Body;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Body = Actor.ActsForOwnBodyOnly ? Actor.Body : Body?.Trim();
        if (string.IsNullOrEmpty(Body)) return;
        BodyName = await catalogue.BodyAsync(Body, ct) is { } b ? Names.Of(b) : Body;
        Assessments = await queries.AssessmentsAsync(Body, null, ct);
        Record = Assessments.FirstOrDefault(a => a.Period == Period) ?? Assessments.FirstOrDefault();
        Period = Record?.Period;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayActFor(Body)) return Forbid(WebSetup.Scheme);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayActFor(Body)) return Forbid(WebSetup.Scheme);
        var body = Actor.ActsForOwnBodyOnly ? Actor.Body ?? "" : Body?.Trim() ?? "";
        if (Period is not { } period) return await RefusedPageAsync(ct);
        var command = new ReportSatisfactionMeasures(body, period, OwnMonitoringHeld, MeasuresAdopted, Description ?? "", DocumentReference ?? "", ExpectedVersion);
        if (await SendAsync(command, ct) is null) return await RefusedPageAsync(ct);
        Flash = t["MeasuresReported"];
        return Redirect($"/assessments/measures?body={Uri.EscapeDataString(body)}&period={period}");
    }
}

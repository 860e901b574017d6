using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Deliveries;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Deliveries;

namespace Monitoring.Api.Deliveries;

/// <summary>
/// <c>/deliveries/internal-control</c>: the internal-control reports submitted for a body by period, and the form to submit
/// one (<see cref="SubmitInternalControlReport"/>): control measures, violations found (in total and by type, the closed list
/// of the inspections), officials disciplined, deadline violations found.
/// </summary>
[Authorize(Policy = WebPolicies.ReportWrite)]
public sealed class InternalControlModel(ReportQueries reports, CatalogueQueries catalogue, IStringLocalizer<UiText> T,
    IStringLocalizer<Inspections.UiText> inspectionTexts, TimeProvider clock) : BodyScopedPage(catalogue)
{
    [BindProperty(Name = "reference")] public string? Reference { get; set; }
    [BindProperty(Name = "bodyCode")] public string? BodyCode { get; set; }
    [BindProperty(Name = "controlMeasures")] public long? ControlMeasures { get; set; }
    [BindProperty(Name = "violationsFound")] public long? ViolationsFound { get; set; }
    [BindProperty(Name = "officialsDisciplined")] public long? OfficialsDisciplined { get; set; }
    [BindProperty(Name = "deadlineViolationsFound")] public long? DeadlineViolationsFound { get; set; }
    [BindProperty(Name = "violationsByType")] public Dictionary<ViolationType, long?> ViolationsByType { get; set; } = [];

    public static readonly string[] FormFields =
        ["reference", "bodyCode", "period", "controlMeasures", "violationsFound", "officialsDisciplined", "deadlineViolationsFound", "violationsByType"];

    /// <summary>A violation type's name as the inspection pages give it (one list of names).</summary>
    public string TypeName(ViolationType type) => inspectionTexts[$"ViolationType_{type}"];

    public int DefaultPeriod => Period ?? clock.GetLocalNow().Year - 1;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        var submitted = ScopeBody is null ? [] : await reports.InternalControlReportsAsync(ScopeBody, Period, ct);
        var table = new Table("reports", T["InternalControlReports"],
        [
            new Column("reference", T["Reference"]),
            new Column("period", T["Period"]),
            new Column("controlMeasures", T["ControlMeasures"], ColumnKind.Integer),
            new Column("violationsFound", T["ViolationsFound"], ColumnKind.Integer),
            new Column("officialsDisciplined", T["OfficialsDisciplined"], ColumnKind.Integer),
            new Column("deadlineViolationsFound", T["DeadlineViolationsFound"], ColumnKind.Integer),
            new Column("byType", T["ViolationsByType"], Sortable: false),
            new Column("submittedBy", T["SubmittedBy"]),
            new Column("submittedAt", T["SubmittedAt"]),
        ], $"internal-control-{ScopeBody}");
        foreach (var view in submitted)
        {
            var r = view.Report;
            table.Add(null, ("reference", r.Reference), ("period", r.Period.ToString()), ("controlMeasures", r.ControlMeasures),
                ("violationsFound", r.ViolationsFound), ("officialsDisciplined", r.OfficialsDisciplined), ("deadlineViolationsFound", r.DeadlineViolationsFound),
                ("byType", string.Join("; ", r.ViolationsByType.Select(kv => $"{TypeName(kv.Key)}: {Table.Format(kv.Value, ColumnKind.Integer, Culture)}"))),
                ("submittedBy", view.SubmittedBy.RecordedBy), ("submittedAt", view.SubmittedBy.RecordedAt));
        }
        Tables.Add(table.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var reference = Reference?.Trim() ?? "";
        var byType = ViolationsByType.Where(kv => kv.Value is not null and not 0).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
        var result = await SendAsync(new SubmitInternalControlReport(reference, CommandBody(BodyCode), Period ?? 0, ControlMeasures ?? 0,
            ViolationsFound ?? 0, OfficialsDisciplined ?? 0, DeadlineViolationsFound ?? 0, byType), ct);
        return await SentAsync(result, T["InternalControlSubmitted", reference], AddressFor("/deliveries/internal-control", BodyCode), ct);
    }
}

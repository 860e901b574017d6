using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

/// <summary>
/// <c>/inspections/{id}/violations/{violationId}</c>: one violation as it stands and every change made to it; an inspector
/// corrects it (type, count or cases) or revokes it, with the reason, in one form (the stream version it was decided on
/// goes with it, so a change made meanwhile by someone else is refused, not overwritten).
/// </summary>
public sealed class ViolationModel(InspectionQueries inspections, CatalogueQueries catalogue, IStringLocalizer<UiText> T) : WebPage
{
    public static string Link(string inspectionId, string violationId) =>
        $"{InspectionModel.Link(inspectionId)}/violations/{Uri.EscapeDataString(violationId)}";

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string ViolationId { get; set; } = "";

    [BindProperty(Name = "type")] public ViolationType? Type { get; set; }
    [BindProperty(Name = "count")] public long? Count { get; set; }
    [BindProperty(Name = "cases")] public string? Cases { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "expectedVersion")] public long? ExpectedVersion { get; set; }

    public static readonly string[] FormFields = ["type", "count", "cases", "reason", "expectedVersion"];

    public InspectionView Inspection { get; private set; } = null!;
    public ViolationView Violation { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    public bool MayWrite => User.Allows(WebPolicies.InspectionWrite);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Inspection = await inspections.InspectionAsync(Id, ct);
        Violation = Inspection.Violations.FirstOrDefault(v => v.ViolationId == ViolationId) ?? throw new NotFound("Violation", ViolationId);
        ServiceName = (await catalogue.ServiceAsync(Violation.ServiceCode, ct)) is { } s ? Names.Of(s) : Violation.ServiceCode;
        var table = new Table("changes", T["ViolationHistory"],
        [
            new Column("recordedAt", T["RecordedAt"]),
            new Column("recordedBy", T["RecordedBy"]),
            new Column("change", T["Event"]),
            new Column("type", T["ViolationType"]),
            new Column("count", T["Count"], ColumnKind.Integer),
            new Column("reason", T["Reason"], Sortable: false),
        ], $"inspection-{Id}-violation-{ViolationId}");
        foreach (var change in Violation.History)
            table.Add(User.Allows(WebPolicies.Audit) ? HistoryTable.AuditLink(change.RecordedBy) : null,
                ("recordedAt", change.RecordedBy.RecordedAt), ("recordedBy", change.RecordedBy.RecordedBy), ("change", T[$"Change_{change.Change}"].Value),
                ("type", T[$"ViolationType_{change.Type}"].Value), ("count", change.Count), ("reason", change.Reason));
        Tables.Add(table);
    }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageOrNotFoundAsync(ct);

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var result = await SendAsync(new CorrectViolation(Id, ViolationId, Type ?? ViolationType.DeadlineBreach, Count ?? 0, CaseList.Of(Cases),
            Reason ?? "", ExpectedVersion), ct);
        return await SentAsync(result, T["ViolationCorrected", ViolationId], AfterChange, ct);
    }

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var result = await SendAsync(new RevokeViolation(Id, ViolationId, Reason ?? "", ExpectedVersion), ct);
        return await SentAsync(result, T["ViolationRevoked", ViolationId], AfterChange, ct);
    }

    /// <summary>After a change, back to the inspection, where the assessment it moved is shown.</summary>
    private string AfterChange => InspectionModel.Link(Id) + "#assessment";
}

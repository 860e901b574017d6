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
/// <c>/inspections</c>: an inspector's own inspections (or everyone's, <c>?all=true</c>; auditors and admins see all, read
/// only), filtered by body; an inspector opens a new one here — first the body (its services are then offered), then the
/// inspection (<see cref="OpenInspection"/>).
/// </summary>
public sealed class IndexModel(InspectionQueries inspections, CatalogueQueries catalogue, IStringLocalizer<UiText> T, TimeProvider clock) : WebPage
{
    [BindProperty(SupportsGet = true, Name = "body")] public string? Body { get; set; }
    [BindProperty(SupportsGet = true, Name = "all")] public bool All { get; set; }

    [BindProperty(Name = "inspectionId")] public string? InspectionId { get; set; }
    [BindProperty(Name = "bodyCode")] public string? BodyCode { get; set; }
    [BindProperty(Name = "unitCode")] public string? UnitCode { get; set; }
    [BindProperty(Name = "kind")] public InspectionKind? Kind { get; set; }
    [BindProperty(Name = "services")] public List<string> Services { get; set; } = [];
    [BindProperty(Name = "periodFrom")] public DateOnly? PeriodFrom { get; set; }
    [BindProperty(Name = "periodTo")] public DateOnly? PeriodTo { get; set; }
    [BindProperty(Name = "legalBasis")] public string? LegalBasis { get; set; }
    [BindProperty(Name = "openedOn")] public DateOnly? OpenedOn { get; set; }

    public static readonly string[] FormFields = ["inspectionId", "bodyCode", "unitCode", "kind", "services", "periodFrom", "periodTo", "legalBasis", "openedOn"];

    public bool MayOpen => User.Allows(WebPolicies.InspectionWrite);
    /// <summary>An inspector sees the inspections they opened unless they ask for all.</summary>
    public bool OwnOnly => MayOpen && !All;
    public IReadOnlyList<CatalogueBody> Bodies { get; private set; } = [];
    public CatalogueBody? ChosenBody { get; private set; }
    public IReadOnlyList<CatalogueService> BodyServices { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Bodies = await catalogue.BodiesAsync(null, null, null, false, ct);
        var body = string.IsNullOrWhiteSpace(Body) ? null : Body.Trim();
        ChosenBody = Bodies.FirstOrDefault(b => b.Code == body);
        if (ChosenBody is not null) BodyServices = await catalogue.ServicesAsync(ChosenBody.Code, null, null, false, ct);

        var list = await inspections.ListAsync(body, OwnOnly ? HttpContext.UserName() : null, ct);
        var names = Bodies.ToDictionary(b => b.Code, Names.Of);
        var table = new Table("inspections", T["InspectionsCaption"],
        [
            new Column("id", T["InspectionId"]),
            new Column("body", T["Body"]),
            new Column("kind", T["Kind"]),
            new Column("periodFrom", T["PeriodFrom"]),
            new Column("periodTo", T["PeriodTo"]),
            new Column("openedOn", T["OpenedOn"]),
            new Column("openedBy", T["OpenedBy"]),
            new Column("violations", T["StandingViolations"], ColumnKind.Integer),
            new Column("status", T["Status"]),
        ], "inspections");
        foreach (var i in list.OrderByDescending(i => i.OpenedOn).ThenBy(i => i.InspectionId, StringComparer.Ordinal))
            table.Add(InspectionModel.Link(i.InspectionId), ("id", i.InspectionId), ("body", $"{i.BodyCode} — {names.GetValueOrDefault(i.BodyCode, i.BodyCode)}"),
                ("kind", T[$"Kind_{i.Kind}"].Value), ("periodFrom", i.PeriodFrom), ("periodTo", i.PeriodTo), ("openedOn", i.OpenedOn),
                ("openedBy", i.OpenedBy?.RecordedBy), ("violations", i.Violations.Count(v => !v.Revoked)),
                ("status", i.Closed ? new Badge(T["Closed"]) : new Badge(T["Open"], "warn")));
        Tables.Add(table.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var id = InspectionId?.Trim() ?? "";
        var result = await SendAsync(new OpenInspection(id, BodyCode?.Trim() ?? "", string.IsNullOrWhiteSpace(UnitCode) ? null : UnitCode.Trim(),
            Kind ?? InspectionKind.Planned, Services, PeriodFrom ?? default, PeriodTo ?? default, LegalBasis?.Trim() ?? "", OpenedOn ?? Today), ct);
        return await SentAsync(result, T["InspectionOpened", id], InspectionModel.Link(id), ct);
    }
}

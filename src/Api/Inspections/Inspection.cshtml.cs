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
/// <c>/inspections/{id}</c>: one inspection — its scope, violations (revoked ones struck through), recommendations and
/// history — and, for an inspector, the forms to record a violation, close it with findings and recommendations, and
/// mark a recommendation fulfilled. Beside it the live scorecard of the inspected body for each year of the inspected
/// period (<see cref="AssessmentQueries"/>), so the inspector sees what a finding does to the assessment.
/// </summary>
public sealed class InspectionModel(InspectionQueries inspections, CatalogueQueries catalogue, AssessmentQueries assessments,
    IStringLocalizer<UiText> T, TimeProvider clock) : WebPage
{
    public static string Link(string inspectionId) => $"/inspections/{Uri.EscapeDataString(inspectionId)}";

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    // Record a violation.
    [BindProperty(Name = "violationId")] public string? ViolationId { get; set; }
    [BindProperty(Name = "type")] public ViolationType? Type { get; set; }
    [BindProperty(Name = "serviceCode")] public string? ServiceCode { get; set; }
    [BindProperty(Name = "unitCode")] public string? UnitCode { get; set; }
    [BindProperty(Name = "period")] public int? Period { get; set; }
    [BindProperty(Name = "count")] public long? Count { get; set; }
    [BindProperty(Name = "cases")] public string? Cases { get; set; }
    [BindProperty(Name = "evidence")] public string? Evidence { get; set; }
    // Close.
    [BindProperty(Name = "closedOn")] public DateOnly? ClosedOn { get; set; }
    [BindProperty(Name = "findings")] public string? Findings { get; set; }
    [BindProperty(Name = "recommendations")] public string? Recommendations { get; set; }
    // Fulfil a recommendation.
    [BindProperty(Name = "recommendationId")] public string? RecommendationId { get; set; }
    [BindProperty(Name = "fulfilledOn")] public DateOnly? FulfilledOn { get; set; }
    [BindProperty(Name = "note")] public string? Note { get; set; }

    public static readonly string[] FormFields =
    [
        "violationId", "type", "serviceCode", "unitCode", "period", "count", "cases", "evidence",
        "closedOn", "findings", "recommendations", "recommendationId", "fulfilledOn", "note",
    ];

    public InspectionView Inspection { get; private set; } = null!;
    public CatalogueBody? Body { get; private set; }
    public IReadOnlyList<CatalogueService> ScopeServices { get; private set; } = [];
    public IReadOnlyList<CatalogueBody> Units { get; private set; } = [];
    public bool MayWrite => User.Allows(WebPolicies.InspectionWrite);
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    public string NextViolationId => $"v{Inspection.Violations.Count + 1}";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Inspection = await inspections.InspectionAsync(Id, ct);
        Body = await catalogue.BodyAsync(Inspection.BodyCode, ct);
        ScopeServices = (await catalogue.ServicesAsync(null, null, null, true, ct)).Where(s => Inspection.Services.Contains(s.Code)).ToList();
        Units = await catalogue.BodiesAsync(null, Inspection.BodyCode, null, false, ct);

        Tables.Add(ViolationsTable(Inspection, T).SortFrom(Request));
        Tables.Add(await AssessmentTableAsync(ct));
        Tables.Add(RecommendationsTable());
        var history = await inspections.HistoryAsync(Id, ct);
        Tables.Add(HistoryTable.Of(new HistoryTable.Headers(T["History"], T["EventNumber"], T["RecordedAt"], T["RecordedBy"], T["Event"], T["Details"]),
            history, Describe, User.Allows(WebPolicies.Audit), $"inspection-{Id}-history").SortFrom(Request));
    }

    /// <summary>The violations as they stand (a revoked one struck through), each linking to its page (history, correction).</summary>
    private static Table ViolationsTable(InspectionView inspection, IStringLocalizer<UiText> T)
    {
        var columns = new List<Column>
        {
            new("id", T["ViolationId"]),
            new("type", T["ViolationType"]),
            new("service", T["Service"]),
            new("unit", T["Unit"]),
            new("period", T["Year"]),
            new("count", T["Count"], ColumnKind.Integer),
            new("cases", T["Cases"], Sortable: false),
            new("evidence", T["Evidence"], Sortable: false),
            new("status", T["Status"]),
        };
        if (inspection.Violations.All(v => v.UnitCode is null)) columns.RemoveAll(c => c.Key == "unit");
        var table = new Table("violations", T["Violations"], columns, $"inspection-{inspection.InspectionId}-violations");
        foreach (var v in inspection.Violations)
            table.Rows.Add(new Row(new Dictionary<string, object?>
            {
                ["id"] = v.ViolationId,
                ["type"] = T[$"ViolationType_{v.Type}"].Value,
                ["service"] = v.ServiceCode,
                ["unit"] = v.UnitCode,
                ["period"] = v.Period.ToString(),
                ["count"] = v.Count,
                ["cases"] = v.Cases is { Count: > 0 } ? string.Join(", ", v.Cases) : null,
                ["evidence"] = v.Evidence,
                ["status"] = v.Revoked ? new Badge(T["Revoked"], "bad") : v.History.Count > 1 ? new Badge(T["Corrected"], "warn") : new Badge(T["Standing"]),
            }, ViolationModel.Link(inspection.InspectionId, v.ViolationId), v.Revoked ? "revoked" : null));
        return table;
    }

    /// <summary>The live scorecard of the inspected body for each year of the period that has an assessment: final and penalty now, and as last published.</summary>
    private async Task<Table> AssessmentTableAsync(CancellationToken ct)
    {
        var table = new Table("assessment", T["AssessmentEffect"],
        [
            new Column("period", T["Year"]),
            new Column("sum", T["Sum"], ColumnKind.Decimal2),
            new Column("penalty", T["Penalty"], ColumnKind.Decimal2),
            new Column("final", T["FinalNow"], ColumnKind.Decimal2),
            new Column("rating", T["Rating"]),
            new Column("published", T["FinalPublished"], ColumnKind.Decimal2),
            new Column("changed", T["ChangedSincePublished"], ColumnKind.Flag),
        ], $"inspection-{Id}-assessment");
        for (var year = Inspection.PeriodFrom.Year; year <= Inspection.PeriodTo.Year; year++)
        {
            AssessmentScorecard scorecard;
            try
            {
                scorecard = await assessments.ScorecardAsync(Inspection.BodyCode, year, null, null, ct);
            }
            catch (NotFound)
            {
                continue; // no assessment of the body for that year
            }
            var s = scorecard.Scorecard;
            table.Add(null, ("period", year.ToString()), ("sum", s.Sum), ("penalty", s.Penalty), ("final", s.Final), ("rating", s.Rating),
                ("published", scorecard.LatestRevision?.Final), ("changed", scorecard.ChangedSinceLatestRevision));
        }
        return table;
    }

    private Table RecommendationsTable()
    {
        var table = new Table("recommendations", T["Recommendations"],
        [
            new Column("id", T["RecommendationId"]),
            new Column("text", T["RecommendationText"], Sortable: false),
            new Column("fulfilledOn", T["FulfilledOn"]),
            new Column("note", T["Note"], Sortable: false),
        ], $"inspection-{Id}-recommendations");
        foreach (var r in Inspection.Recommendations)
            table.Add(null, ("id", r.RecommendationId), ("text", r.Text), ("fulfilledOn", r.FulfilledOn), ("note", r.Note));
        return table;
    }

    /// <summary>What an event of the inspection says, in a line.</summary>
    private (string, string) Describe(object data) => data switch
    {
        InspectionOpened o => (T["Event_Opened"], $"{o.BodyCode}{(o.UnitCode is null ? "" : " / " + o.UnitCode)}, {T[$"Kind_{o.Kind}"]}, " +
            $"{Table.Format(o.PeriodFrom, ColumnKind.Text, Culture)}–{Table.Format(o.PeriodTo, ColumnKind.Text, Culture)}: {string.Join(", ", o.Services)}"),
        ViolationRecorded v => (T["Event_Recorded"], $"{v.ViolationId}: {T[$"ViolationType_{v.Type}"]}, {v.ServiceCode}, {v.Period}, " +
            $"{Table.Format(v.Counted, ColumnKind.Integer, Culture)} — {v.Evidence}"),
        ViolationsImported many => (T["Event_Imported"], $"{Table.Format(many.Violations.Count, ColumnKind.Integer, Culture)}: " +
            string.Join(", ", many.Violations.Take(10).Select(v => v.ViolationId)) + (many.Violations.Count > 10 ? ", …" : "")),
        ViolationCorrected c => (T["Event_Corrected"], $"{c.ViolationId}: {T[$"ViolationType_{c.Type}"]}, {Table.Format(c.Counted, ColumnKind.Integer, Culture)} — {c.Reason}"),
        ViolationRevoked r => (T["Event_Revoked"], $"{r.ViolationId} — {r.Reason}"),
        InspectionClosed c => (T["Event_Closed"], $"{Table.Format(c.ClosedOn, ColumnKind.Text, Culture)}: {c.Findings}" +
            (c.Recommendations.Count == 0 ? "" : $" ({T["Recommendations"]}: {c.Recommendations.Count})")),
        RecommendationFulfilled f => (T["Event_Fulfilled"], $"{f.RecommendationId}, {Table.Format(f.FulfilledOn, ColumnKind.Text, Culture)} — {f.Note}"),
        _ => (data.GetType().Name, ""),
    };

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageOrNotFoundAsync(ct);

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var violationId = ViolationId?.Trim() ?? "";
        var result = await SendAsync(new RecordViolation(Id, violationId, Type ?? ViolationType.DeadlineBreach, ServiceCode?.Trim() ?? "",
            string.IsNullOrWhiteSpace(UnitCode) ? null : UnitCode.Trim(), Period ?? 0, Count ?? 0, CaseList.Of(Cases), Evidence?.Trim() ?? ""), ct);
        return await SentAsync(result, T["ViolationRecorded", violationId], Link(Id) + "#assessment", ct);
    }

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        // One recommendation a line, numbered r1, r2, … in the order written.
        var recommendations = (Recommendations ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((text, i) => new Recommendation($"r{i + 1}", text)).ToList();
        var result = await SendAsync(new CloseInspection(Id, ClosedOn ?? Today, Findings?.Trim() ?? "", recommendations), ct);
        return await SentAsync(result, T["InspectionClosed"], Link(Id), ct);
    }

    [HandlerPolicy(WebPolicies.InspectionWrite)]
    public async Task<IActionResult> OnPostFulfilAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var recommendationId = RecommendationId?.Trim() ?? "";
        var result = await SendAsync(new FulfilRecommendation(Id, recommendationId, FulfilledOn ?? Today, Note?.Trim() ?? ""), ct);
        return await SentAsync(result, T["RecommendationFulfilled", recommendationId], Link(Id), ct);
    }
}

/// <summary>Case references as a person types them: one a line, or separated by commas or semicolons; none is null (a count then).</summary>
public static class CaseList
{
    public static IReadOnlyList<string>? Of(string? text)
    {
        var cases = (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return cases.Length == 0 ? null : cases;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Domain.Complaints;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Complaints;

namespace Monitoring.Api.Complaints;

/// <summary>
/// <c>/complaints/{id}</c>: one complaint with its deadline, decision, answer and history; the steward of its body (or an
/// admin) decides it (<see cref="DecideComplaint"/>) and records the answer (<see cref="AnswerComplaint"/>).
/// </summary>
[Authorize(Policy = WebPolicies.ReportWrite)]
public sealed class ComplaintModel(ComplaintQueries complaints, CatalogueQueries catalogue, IStringLocalizer<UiText> T, TimeProvider clock) : WebPage
{
    public static string Link(string complaintId) => $"/complaints/{Uri.EscapeDataString(complaintId)}";

    /// <summary>The date the deadline job judges by (UTC), so the page and the job agree on what is overdue.</summary>
    public static DateOnly TodayOf(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string Decision(ComplaintView c, IStringLocalizer<UiText> T) =>
        c.Justified switch { true => T["Justified"], false => T["Unjustified"], null => T["Undecided"] };

    public static Badge Status(ComplaintView c, bool overdue, IStringLocalizer<UiText> T) =>
        overdue && c.AnsweredOn is null ? new Badge(T["Overdue"], "bad")
        : c.AnsweredOn is { } answered ? (answered > c.AnswerDue ? new Badge(T["AnsweredLate"], "warn") : new Badge(T["Answered"]))
        : new Badge(T["Pending"]);

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    [BindProperty(Name = "justified")] public bool? Justified { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "decidedOn")] public DateOnly? DecidedOn { get; set; }
    [BindProperty(Name = "answeredOn")] public DateOnly? AnsweredOn { get; set; }

    public static readonly string[] FormFields = ["justified", "reason", "decidedOn", "answeredOn"];

    public ComplaintView Complaint { get; private set; } = null!;
    public string? BodyName { get; private set; }
    public string? ServiceName { get; private set; }
    public bool Overdue { get; private set; }
    public bool MayAct => BodyScope.MayActFor(Actor, Complaint.BodyCode);
    public DateOnly Today => TodayOf(clock);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Complaint = await complaints.ComplaintAsync(Id, ct);
        Overdue = Complaint.OverdueOn(Today);
        BodyName = (await catalogue.BodyAsync(Complaint.BodyCode, ct)) is { } b ? Names.Of(b) : null;
        if (Complaint.ServiceCode is not null)
            ServiceName = (await catalogue.ServiceAsync(Complaint.ServiceCode, ct)) is { } s ? Names.Of(s) : null;
        var history = await complaints.HistoryAsync(Id, ct);
        Tables.Add(HistoryTable.Of(new HistoryTable.Headers(T["History"], T["EventNumber"], T["RecordedAt"], T["RecordedBy"], T["Event"], T["Details"]),
            history, Describe, User.Allows(WebPolicies.Audit), $"complaint-{Id}-history").SortFrom(Request));
    }

    private string Date(DateOnly d) => Table.Format(d, ColumnKind.Text, Culture);

    private (string, string) Describe(object data) => data switch
    {
        ComplaintLodged l => (T["Event_ComplaintLodged"], $"{Date(l.LodgedOn)}, {T[$"Channel_{l.Channel}"]}{(l.ServiceCode is null ? "" : ", " + l.ServiceCode)}: " +
            $"{l.Summary} ({T["AnswerDue"]}: {Date(l.AnswerDue)})"),
        ComplaintDecided d => (T["Event_ComplaintDecided"], $"{Date(d.DecidedOn)}: {(d.Justified ? T["Justified"] : T["Unjustified"])} — {d.Reason}"),
        ComplaintAnswered a => (T["Event_ComplaintAnswered"], Date(a.AnsweredOn)),
        ComplaintAnswerOverdue o => (T["Event_ComplaintAnswerOverdue"], $"{T["AnswerDue"]}: {Date(o.AnswerDue)}; {Date(o.DetectedOn)}"),
        _ => (data.GetType().Name, ""),
    };

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageOrNotFoundAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        if (Justified is null) FieldError("justified", T["ChooseDecision"]);
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var result = await SendAsync(new DecideComplaint(Id, Justified!.Value, Reason?.Trim() ?? "", DecidedOn ?? Today), ct);
        return await SentAsync(result, T["ComplaintDecided", Id], Link(Id), ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var result = await SendAsync(new AnswerComplaint(Id, AnsweredOn ?? Today), ct);
        return await SentAsync(result, T["ComplaintAnswered", Id], Link(Id), ct);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Complaints;

namespace Monitoring.Api.Complaints;

/// <summary>
/// <c>/complaints</c>: a steward's body's complaints (an admin's of any body, or of all), overdue ones marked, and the form
/// to lodge one (<see cref="LodgeComplaint"/>). A steward is offered no body to choose: the command goes for the body they
/// act for, and one crafted for another body is refused by the handler (403).
/// </summary>
[Authorize(Policy = WebPolicies.ReportWrite)]
public sealed class IndexModel(ComplaintQueries complaints, CatalogueQueries catalogue, IStringLocalizer<UiText> T, TimeProvider clock)
    : BodyScopedPage(catalogue)
{
    [BindProperty(Name = "complaintId")] public string? ComplaintId { get; set; }
    [BindProperty(Name = "bodyCode")] public string? BodyCode { get; set; }
    [BindProperty(Name = "serviceCode")] public string? ServiceCode { get; set; }
    [BindProperty(Name = "channel")] public Channel? Channel { get; set; }
    [BindProperty(Name = "lodgedOn")] public DateOnly? LodgedOn { get; set; }
    [BindProperty(Name = "summary")] public string? Summary { get; set; }

    public static readonly string[] FormFields = ["complaintId", "bodyCode", "serviceCode", "channel", "lodgedOn", "summary"];

    public DateOnly Today => ComplaintModel.TodayOf(clock);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        var columns = new List<Column>
        {
            new("id", T["ComplaintId"]),
            new("body", T["Body"]),
            new("service", T["Service"]),
            new("channel", T["Channel"]),
            new("lodgedOn", T["LodgedOn"]),
            new("answerDue", T["AnswerDue"]),
            new("decision", T["Decision"]),
            new("answeredOn", T["AnsweredOn"]),
            new("status", T["Status"]),
        };
        if (ScopeBody is not null) columns.RemoveAt(1); // one body: it is in the heading
        var table = new Table("complaints", T["ComplaintsCaption"], columns, ScopeBody is null ? "complaints" : $"complaints-{ScopeBody}");
        foreach (var c in await complaints.ListAsync(ScopeBody, Period, ct))
        {
            var overdue = c.OverdueOn(Today);
            table.Rows.Add(new Row(new Dictionary<string, object?>
            {
                ["id"] = c.ComplaintId,
                ["body"] = c.BodyCode,
                ["service"] = c.ServiceCode,
                ["channel"] = T[$"Channel_{c.Channel}"].Value,
                ["lodgedOn"] = c.LodgedOn,
                ["answerDue"] = c.AnswerDue,
                ["decision"] = ComplaintModel.Decision(c, T),
                ["answeredOn"] = c.AnsweredOn,
                ["status"] = ComplaintModel.Status(c, overdue, T),
            }, ComplaintModel.Link(c.ComplaintId), overdue ? "overdue" : null));
        }
        Tables.Add(table.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var id = ComplaintId?.Trim() ?? "";
        // A steward's form has no body field: the body they act for. A body posted anyway goes to the handler, which refuses another one.
        var result = await SendAsync(new LodgeComplaint(id, CommandBody(BodyCode), string.IsNullOrWhiteSpace(ServiceCode) ? null : ServiceCode.Trim(),
            Channel ?? Domain.Catalogue.Channel.Body, LodgedOn ?? Today, Summary?.Trim() ?? ""), ct);
        return await SentAsync(result, T["ComplaintLodged", id], ComplaintModel.Link(id), ct);
    }
}

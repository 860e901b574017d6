using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary><c>/assessments/{body}/{period}/penalties/withdrawal?penaltyId=…</c>: an assessor withdraws a penalty with the reason (it stays in the history).</summary>
[Authorize(Policy = WebPolicies.Assess)]
public sealed class WithdrawalModel(AssessmentQueries queries, IStringLocalizer<UiText> t) : AssessmentActionPage(queries)
{
    [BindProperty(SupportsGet = true)] public string PenaltyId { get; set; } = "";
    [BindProperty] public string? Reason { get; set; }

    public static readonly string[] Fields = ["penaltyId", "reason"];

    public PenaltyEntry? Penalty { get; private set; }

    protected override Task LoadMoreAsync(CancellationToken ct)
    {
        Penalty = PenaltiesRecord.Of(Record, Time, null).Penalties.FirstOrDefault(p => p.Assessed.Event.PenaltyId == PenaltyId);
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await ActAsync(new WithdrawPenalty(Body, Period, PenaltyId, Reason ?? "", ExpectedVersion), r => t["WithdrawnDone", r.Id], "penalties-title", ct);
}

using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Operations;

/// <summary>The recurring background jobs with their last and next runs (Hangfire's storage), for admins, who may run one now.</summary>
[Authorize(Policy = WebPolicies.Admin)]
public sealed class JobsModel(JobStorage storage, IRecurringJobManager jobs, TimeProvider clock, IStringLocalizer<UiText> text) : WebPage
{
    public StatisticsDto Statistics { get; private set; } = new();
    public IReadOnlyList<RecurringJobDto> Recurring { get; private set; } = [];

    protected override Task LoadAsync(CancellationToken ct)
    {
        using (var connection = storage.GetConnection()) Recurring = connection.GetRecurringJobs();
        Statistics = storage.GetMonitoringApi().GetStatistics();
        var table = new Table("recurring", text["Recurring"], [
            new Column("id", text["Job"]), new Column("cron", text["Cron"]), new Column("last", text["LastRun"]),
            new Column("state", text["LastState"]), new Column("next", text["NextRun"]), new Column("error", text["Error"]),
        ], "recurring-jobs");
        foreach (var job in Recurring)
            table.Add(null, ("id", job.Id), ("cron", job.Cron), ("last", Local(job.LastExecution)), ("state", job.LastJobState),
                ("next", Local(job.NextExecution)), ("error", job.Error));
        Tables.Add(table.SortFrom(Request));
        return Task.CompletedTask;
    }

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>
    /// The Hangfire dashboard keeps its own short cookie (<see cref="DashboardSignIn"/>, one hour, sent to /hangfire only):
    /// a signed-in admin gets it here with one press instead of pasting a token.
    /// </summary>
    public async Task<IActionResult> OnPostDashboardAsync()
    {
        var now = clock.GetUtcNow();
        await DashboardSignIn.IssueAsync(HttpContext, User, now, now + DashboardSignIn.MaxSession);
        return Redirect("/hangfire");
    }

    public async Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Recurring.All(j => j.Id != id))
        {
            FieldError("id", text["UnknownJob"]);
            return await RefusedPageAsync(ct);
        }
        jobs.Trigger(id);
        Flash = string.Format(text["Triggered"], id);
        return Redirect("/operations/jobs");
    }
}

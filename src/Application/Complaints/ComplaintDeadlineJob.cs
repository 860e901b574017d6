using Monitoring.Projections.Complaints;

namespace Monitoring.Application.Complaints;

/// <summary>
/// Recurring (Hangfire) job: finds unanswered complaints past their statutory deadline and records each as overdue
/// through a command, so the finding is an event with its own recording time. Running it twice records nothing twice.
/// </summary>
public sealed class ComplaintDeadlineJob(IQuerySession session, IMessageContext bus, TimeProvider clock, ILogger<ComplaintDeadlineJob> logger)
{
    public const string User = "system (complaint deadline job)";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = await new ComplaintQueries(session).DueForOverdueAsync(today, ct);
        foreach (var id in due)
            await bus.SendAsync(new MarkComplaintOverdue(id, today), User, $"complaint-deadline:{today:yyyy-MM-dd}", ct);
        if (due.Count > 0) logger.LogInformation("{Count} complaints recorded as overdue on {Today}", due.Count, today);
        return due.Count;
    }
}

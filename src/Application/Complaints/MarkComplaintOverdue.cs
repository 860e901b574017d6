using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Complaints;

namespace Monitoring.Application.Complaints;

/// <summary>Sent by the deadline job: records the complaint as overdue if it still is on <see cref="Today"/>.</summary>
public sealed record MarkComplaintOverdue(string ComplaintId, DateOnly Today);

public static class MarkComplaintOverdueHandler
{
    public static async Task<CommandResult> Handle(MarkComplaintOverdue c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Complaint>(Complaint.StreamKey(c.ComplaintId), null, "Complaint", ct);
        if (stream.Aggregate!.CheckOverdue(c.Today) is { } overdue) stream.AppendOne(overdue);
        return new CommandResult(c.ComplaintId, stream.CurrentVersion ?? stream.StartingVersion ?? 0);
    }
}

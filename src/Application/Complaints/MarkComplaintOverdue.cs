namespace Monitoring.Application.Complaints;

/// <summary>Sent by the deadline job: records the complaint as overdue if it still is on <see cref="Today"/>.</summary>
public sealed record MarkComplaintOverdue(string ComplaintId, DateOnly Today) : ComplaintCommand(ComplaintId);

public static class MarkComplaintOverdueHandler
{
    public static (CommandResult, Events) Handle(MarkComplaintOverdue c, [WriteAggregate] Complaint complaint) =>
        Decision.Of(c.ComplaintId, complaint, complaint.CheckOverdue(c.Today) is { } overdue ? [overdue] : []);
}

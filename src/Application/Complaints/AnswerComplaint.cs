namespace Monitoring.Application.Complaints;

/// <summary>Record that the complainant was answered.</summary>
[Post("/api/complaints/{complaintId}/answer", "Record that the complainant was answered", Problems = [404, 409], Steward = true)]
public sealed record AnswerComplaint(string ComplaintId, DateOnly AnsweredOn) : ComplaintCommand(ComplaintId);

public static class AnswerComplaintHandler
{
    public static (CommandResult, Events) Handle(AnswerComplaint c, [WriteAggregate] Complaint complaint, Actor actor) =>
        Decision.Of(c.ComplaintId, complaint, complaint.ActedOnBy(actor).Answer(c.AnsweredOn));
}

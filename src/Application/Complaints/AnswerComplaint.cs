using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;

namespace Monitoring.Application.Complaints;

/// <summary>Record that the complainant was answered.</summary>
[Post("/api/complaints/{complaintId}/answer", "Record that the complainant was answered", Problems = [404, 409], Steward = true)]
public sealed record AnswerComplaint(string ComplaintId, DateOnly AnsweredOn);

public static class AnswerComplaintHandler
{
    public static Task<CommandResult> Handle(AnswerComplaint c, IDocumentSession session, Actor actor, CancellationToken ct) =>
        session.ChangeComplaintAsync(c.ComplaintId, actor, complaint => complaint.Answer(c.AnsweredOn), ct);
}

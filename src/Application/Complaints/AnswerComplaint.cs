using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Complaints;

namespace Monitoring.Application.Complaints;

/// <summary>Record that the complainant was answered.</summary>
public sealed record AnswerComplaint(string ComplaintId, DateOnly AnsweredOn);

public static class AnswerComplaintHandler
{
    public static async Task<CommandResult> Handle(AnswerComplaint c, IDocumentSession session, Actor actor, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Complaint>(Complaint.StreamKey(c.ComplaintId), null, "Complaint", ct);
        // The complaint's own body, not one named in the request, decides whether the sender may act on it.
        actor.EnsureMayActFor(stream.Aggregate!.BodyCode);
        stream.AppendOne(stream.Aggregate.Answer(c.AnsweredOn));
        return new CommandResult(c.ComplaintId, stream.CurrentVersion!.Value);
    }
}

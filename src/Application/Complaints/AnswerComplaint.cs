using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Complaints;

namespace Monitoring.Application.Complaints;

/// <summary>Record that the complainant was answered.</summary>
public sealed record AnswerComplaint(string ComplaintId, DateOnly AnsweredOn);

public static class AnswerComplaintHandler
{
    public static async Task<CommandResult> Handle(AnswerComplaint c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Complaint>(Complaint.StreamKey(c.ComplaintId), null, "Complaint", ct);
        stream.AppendOne(stream.Aggregate!.Answer(c.AnsweredOn));
        return new CommandResult(c.ComplaintId, stream.CurrentVersion!.Value);
    }
}

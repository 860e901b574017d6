using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Complaints;

namespace Monitoring.Application.Complaints;

public static class ComplaintRules
{
    /// <summary>A change to a lodged complaint, which the complaint decides.</summary>
    public static Task<CommandResult> ChangeComplaintAsync(this IDocumentSession session, string complaintId, Actor actor,
        Func<Complaint, object> decide, CancellationToken ct) =>
        session.ChangeAsync<Complaint>(Complaint.StreamKey(complaintId), null, "Complaint", complaintId, complaint =>
        {
            // The complaint's own body, not one named in the request, decides whether the sender may act on it.
            actor.EnsureMayActFor(complaint.BodyCode);
            return decide(complaint);
        }, ct);
}

using FluentValidation;
using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Complaints;

namespace Monitoring.Application.Complaints;

/// <summary>Decide a complaint justified or unjustified, with the reason.</summary>
public sealed record DecideComplaint(string ComplaintId, bool Justified, string Reason, DateOnly DecidedOn);

public sealed class DecideComplaintValidator : AbstractValidator<DecideComplaint>
{
    public DecideComplaintValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

public static class DecideComplaintHandler
{
    public static async Task<CommandResult> Handle(DecideComplaint c, IDocumentSession session, Actor actor, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Complaint>(Complaint.StreamKey(c.ComplaintId), null, "Complaint", ct);
        // The complaint's own body, not one named in the request, decides whether the sender may act on it.
        actor.EnsureMayActFor(stream.Aggregate!.BodyCode);
        stream.AppendOne(stream.Aggregate.Decide(c.Justified, c.Reason, c.DecidedOn));
        return new CommandResult(c.ComplaintId, stream.CurrentVersion!.Value);
    }
}

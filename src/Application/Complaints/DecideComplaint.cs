using FluentValidation;
using Marten;
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
    public static async Task<CommandResult> Handle(DecideComplaint c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Complaint>(Complaint.StreamKey(c.ComplaintId), null, "Complaint", ct);
        stream.AppendOne(stream.Aggregate!.Decide(c.Justified, c.Reason, c.DecidedOn));
        return new CommandResult(c.ComplaintId, stream.CurrentVersion!.Value);
    }
}

using FluentValidation;
using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;

namespace Monitoring.Application.Complaints;

/// <summary>Decide a complaint justified or unjustified, with the reason.</summary>
[Post("/api/complaints/{complaintId}/decide", "Decide a complaint justified or unjustified, with the reason", Problems = [404, 409], Steward = true)]
public sealed record DecideComplaint(string ComplaintId, bool Justified, string Reason, DateOnly DecidedOn);

public sealed class DecideComplaintValidator : AbstractValidator<DecideComplaint>
{
    public DecideComplaintValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

public static class DecideComplaintHandler
{
    public static Task<CommandResult> Handle(DecideComplaint c, IDocumentSession session, Actor actor, CancellationToken ct) =>
        session.ChangeComplaintAsync(c.ComplaintId, actor, complaint => complaint.Decide(c.Justified, c.Reason, c.DecidedOn), ct);
}

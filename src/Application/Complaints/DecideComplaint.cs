namespace Monitoring.Application.Complaints;

/// <summary>Decide a complaint justified or unjustified, with the reason.</summary>
[Post("/api/complaints/{complaintId}/decide", "Decide a complaint justified or unjustified, with the reason", Problems = [404, 409], Steward = true)]
public sealed record DecideComplaint(string ComplaintId, bool Justified, string Reason, DateOnly DecidedOn) : ComplaintCommand(ComplaintId);

public sealed class DecideComplaintValidator : AbstractValidator<DecideComplaint>
{
    public DecideComplaintValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

public static class DecideComplaintHandler
{
    public static (CommandResult, Events) Handle(DecideComplaint c, [WriteAggregate] Complaint complaint, Actor actor) =>
        Decision.Of(c.ComplaintId, complaint, complaint.ActedOnBy(actor).Decide(c.Justified, c.Reason, c.DecidedOn));
}

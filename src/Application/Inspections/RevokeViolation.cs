namespace Monitoring.Application.Inspections;

/// <summary>Withdraw a recorded violation with the reason; it counts nothing from then on and stays in the history.</summary>
[Post("/api/inspections/{inspectionId}/violations/{violationId}/revoke",
    "Withdraw a violation with the reason (also after closing); it stays in the history", Problems = [404, 409])]
public sealed record RevokeViolation(string InspectionId, string ViolationId, string Reason, long? ExpectedVersion)
    : InspectionCommand(InspectionId), IExpectVersion;

public sealed class RevokeViolationValidator : InspectionCommandValidator<RevokeViolation>
{
    public RevokeViolationValidator()
    {
        RuleFor(x => x.ViolationId).IsInspectionId();
        RuleFor(x => x.Reason).IsReason();
    }
}

public static class RevokeViolationHandler
{
    public static (CommandResult, Events) Handle(RevokeViolation c, [WriteAggregate] Inspection inspection) =>
        Decision.Of(c.ViolationId, inspection, inspection.Revoke(c.ViolationId, c.Reason));
}

namespace Monitoring.Application.Inspections;

/// <summary>Correct a recorded violation (type, count or cases) with the reason; the original stays in the history.</summary>
[Post("/api/inspections/{inspectionId}/violations/{violationId}/correct",
    "Correct a violation's type, count or cases, with the reason (also after closing)", Problems = [404, 409])]
public sealed record CorrectViolation(string InspectionId, string ViolationId, ViolationType Type, long Count, IReadOnlyList<string>? Cases,
    string Reason, long? ExpectedVersion) : InspectionCommand(InspectionId), IExpectVersion;

public sealed class CorrectViolationValidator : InspectionCommandValidator<CorrectViolation>
{
    public CorrectViolationValidator()
    {
        RuleFor(x => x.ViolationId).IsInspectionId();
        RuleFor(x => x.Reason).IsReason();
        this.CountOrCases(x => x.Count, x => x.Cases);
    }
}

public static class CorrectViolationHandler
{
    public static (CommandResult, Events) Handle(CorrectViolation c, [WriteAggregate] Inspection inspection) =>
        Decision.Of(c.ViolationId, inspection, inspection.Correct(new ViolationCorrected(c.InspectionId, c.ViolationId, c.Type,
            c.Cases is { Count: > 0 } ? c.Cases.Count : c.Count, c.Cases, c.Reason.Trim())));
}

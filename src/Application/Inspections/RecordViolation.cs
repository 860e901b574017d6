namespace Monitoring.Application.Inspections;

/// <summary>Record a violation found in an open inspection: a count, or individual cases with their references.</summary>
[Post("/api/inspections/{inspectionId}/violations",
    "Record a violation in an open inspection: a count or individual cases (a closed inspection answers 409)",
    Created = "/api/inspections/{inspectionId}", Problems = [404, 409])]
public sealed record RecordViolation(
    string InspectionId, string ViolationId, ViolationType Type, string ServiceCode, string? UnitCode, int Period, long Count,
    IReadOnlyList<string>? Cases, string Evidence) : InspectionCommand(InspectionId);

public sealed class RecordViolationValidator : InspectionCommandValidator<RecordViolation>
{
    public RecordViolationValidator()
    {
        RuleFor(x => x.ViolationId).IsInspectionId();
        RuleFor(x => x.ServiceCode).NotEmpty();
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Evidence).NotEmpty().WithMessage("must say what was found and where").MaximumLength(4000);
        this.CountOrCases(x => x.Count, x => x.Cases);
    }
}

public static class RecordViolationHandler
{
    public static (CommandResult, Events) Handle(RecordViolation c, [WriteAggregate] Inspection inspection) =>
        Decision.Of(c.ViolationId, inspection, inspection.Record(Recorded(c)));

    /// <summary>The event a command records (one alone, or a row of a file): cases count themselves, evidence is trimmed.</summary>
    public static ViolationRecorded Recorded(RecordViolation c) => new(c.InspectionId, c.ViolationId, c.Type, c.ServiceCode, c.UnitCode, c.Period,
        c.Cases is { Count: > 0 } ? c.Cases.Count : c.Count, c.Cases, c.Evidence.Trim());
}

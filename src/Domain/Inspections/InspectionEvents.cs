namespace Monitoring.Domain.Inspections;

// Events of a control inspection (проверка). Stream key: Inspection.StreamKey(id).

public enum InspectionKind { Planned, Unscheduled, Sample }

/// <summary>An inspector opened an inspection of a body (or one of its units) over some services and a period.</summary>
public sealed record InspectionOpened(
    string InspectionId, string BodyCode, string? UnitCode, InspectionKind Kind, IReadOnlyList<string> Services,
    DateOnly PeriodFrom, DateOnly PeriodTo, string LegalBasis, DateOnly OpenedOn);

/// <summary>
/// A violation found in an open inspection: a count, or individual cases with their application/delivery
/// references (then the count is the number of cases). <see cref="Period"/> is the year the violation belongs to.
/// </summary>
public sealed record ViolationRecorded(
    string InspectionId, string ViolationId, ViolationType Type, string ServiceCode, string? UnitCode, int Period, long Count,
    IReadOnlyList<string>? Cases, string Evidence)
{
    public long Counted => Cases is { Count: > 0 } ? Cases.Count : Count;

    /// <summary>
    /// The same finding: what a file sent again records (type, service, unit, year, count, cases in order, evidence).
    /// Not record equality, which would compare the lists of cases by reference.
    /// </summary>
    public bool SameFindingAs(ViolationRecorded other) =>
        InspectionId == other.InspectionId && ViolationId == other.ViolationId && Type == other.Type && ServiceCode == other.ServiceCode
        && UnitCode == other.UnitCode && Period == other.Period && Counted == other.Counted && Evidence == other.Evidence
        && (Cases ?? []).SequenceEqual(other.Cases ?? []);
}

/// <summary>
/// Violations recorded together from a file of an inspection's findings, each as it would be recorded alone. One event
/// carries up to <see cref="MaxPerEvent"/> of them: the store writes (and the journal hashes) a row per event, so a file of
/// ten thousand findings is ten rows, not ten thousand. Each violation counts, is corrected and revoked as if recorded alone.
/// </summary>
public sealed record ViolationsImported(string InspectionId, IReadOnlyList<ViolationRecorded> Violations)
{
    public const int MaxPerEvent = 1_000;
}

/// <summary>A recorded violation corrected (type, count or cases), with the reason. The original stays in the stream.</summary>
public sealed record ViolationCorrected(
    string InspectionId, string ViolationId, ViolationType Type, long Count, IReadOnlyList<string>? Cases, string Reason)
{
    public long Counted => Cases is { Count: > 0 } ? Cases.Count : Count;
}

/// <summary>A recorded violation withdrawn, with the reason; it counts nothing from then on.</summary>
public sealed record ViolationRevoked(string InspectionId, string ViolationId, string Reason);

/// <summary>The inspection closed with its findings and recommendations: nothing new can be recorded in it.</summary>
public sealed record InspectionClosed(string InspectionId, DateOnly ClosedOn, string Findings, IReadOnlyList<Recommendation> Recommendations);

public sealed record Recommendation(string RecommendationId, string Text);

public sealed record RecommendationFulfilled(string InspectionId, string RecommendationId, DateOnly FulfilledOn, string Note);

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

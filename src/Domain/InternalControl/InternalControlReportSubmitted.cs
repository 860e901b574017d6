using Monitoring.Domain.Inspections;

namespace Monitoring.Domain.InternalControl;

/// <summary>
/// A body's internal-control report (внутренний контроль) for a period: measures held, violations found (by type),
/// officials disciplined, and how many deadline violations its own control found (the Karaganda 2017 assessment conclusion: 118 of 766).
/// Stream: <c>internal-control:{body}:{period}:{reference}</c>.
/// </summary>
public sealed record InternalControlReportSubmitted(
    string Reference, string BodyCode, int Period, long ControlMeasures, long ViolationsFound, long OfficialsDisciplined,
    long DeadlineViolationsFound, IReadOnlyDictionary<ViolationType, long> ViolationsByType);

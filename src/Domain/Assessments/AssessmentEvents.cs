
namespace Monitoring.Domain.Assessments;

// Events of the annual assessment (оценка) of a state body for a period. Stream key: Assessment.StreamKey(body, period).

/// <summary>
/// An assessor opened the assessment of a body for a period under a methodology version. The previous period's final
/// score may be stated with its source (e.g. the previous conclusion) for periods assessed before this system; a
/// published assessment of the previous period, when there is one, takes precedence.
/// </summary>
public sealed record AssessmentOpened(
    string BodyCode, int Period, string MethodologyCode, decimal? PreviousFinal, string? PreviousFinalSource);

/// <summary>
/// The body's steward reported its measures to raise satisfaction (меры по повышению удовлетворённости): whether it
/// ran its own satisfaction monitoring and adopted measures on its findings in the period, with the documents.
/// A later report replaces the earlier one and needs a new recognition.
/// </summary>
public sealed record SatisfactionMeasuresReported(
    string BodyCode, int Period, bool OwnMonitoringHeld, bool MeasuresAdopted, string Description, string DocumentReference);

/// <summary>An assessor recognised (or refused to recognise) the last reported measures, with the reason.</summary>
public sealed record SatisfactionMeasuresRecognised(string BodyCode, int Period, bool Recognised, string Reason);

/// <summary>Penalty points (штрафные баллы) assessed with the reason and legal basis; summed and capped by the methodology.</summary>
public sealed record PenaltyAssessed(string BodyCode, int Period, string PenaltyId, decimal Points, string Reason, string LegalBasis);

/// <summary>A penalty withdrawn, with the reason; the original stays in the stream.</summary>
public sealed record PenaltyWithdrawn(string BodyCode, int Period, string PenaltyId, string Reason);

/// <summary>
/// A revision of the assessment was published: the scorecard frozen with every input value, the evidence it was
/// computed from (the global event sequence it read up to) and a content hash over all of it. Revision 1 is the first
/// publication; later revisions need a reason. Published revisions are never changed.
/// </summary>
public sealed record AssessmentPublished(
    string BodyCode, int Period, int Revision, string Reason, long EvidenceSequence, DateTimeOffset EvidenceAsOf,
    IReadOnlyDictionary<string, decimal?> Inputs, IReadOnlyList<FrozenInput> Sources, ScorecardResult Scorecard, string ContentHash,
    Journal.JournalDigestRef? Journal = null);

/// <summary>An input as frozen in a revision: its value, where it came from, how it was counted and how many events stood behind it.</summary>
public sealed record FrozenInput(string Name, decimal? Value, string Source, string Note, int EventCount);

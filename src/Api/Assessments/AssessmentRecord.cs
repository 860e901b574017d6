using Monitoring.Domain.Assessments;
using Monitoring.Projections.Common;

namespace Monitoring.Api.Assessments;

/// <summary>
/// The measures a body reported and the assessor's recognitions, as known at a moment: the last report counts only once
/// recognised (indicator 1.2), and a new report needs a new recognition.
/// </summary>
public sealed record MeasuresRecord(
    IReadOnlyList<Recorded<SatisfactionMeasuresReported>> Reports, IReadOnlyList<Recorded<SatisfactionMeasuresRecognised>> Recognitions, PageTime Time)
{
    public static MeasuresRecord Of(AssessmentView record, PageTime time) =>
        new(record.Measures.Where(m => time.Knew(m.RecordedBy)).ToList(), record.Recognitions.Where(r => time.Knew(r.RecordedBy)).ToList(), time);

    /// <summary>The decision on the last report: null while it awaits one (or nothing was reported).</summary>
    public Recorded<SatisfactionMeasuresRecognised>? Decision =>
        Reports.Count == 0 ? null : Recognitions.LastOrDefault(r => r.RecordedBy.Version > Reports[^1].RecordedBy.Version);
}

/// <summary>A penalty with its withdrawal, if any.</summary>
public sealed record PenaltyEntry(Recorded<PenaltyAssessed> Assessed, Recorded<PenaltyWithdrawn>? Withdrawn);

/// <summary>The penalties assessed (and withdrawn) as known at a moment; <see cref="WithdrawLink"/> is set for an assessor on the live view.</summary>
public sealed record PenaltiesRecord(IReadOnlyList<PenaltyEntry> Penalties, PageTime Time, string? WithdrawLink)
{
    public static PenaltiesRecord Of(AssessmentView record, PageTime time, string? withdrawLink) =>
        new(record.Penalties.Where(p => time.Knew(p.RecordedBy)).Select(p => new PenaltyEntry(p,
            record.PenaltyWithdrawals.FirstOrDefault(w => w.Event.PenaltyId == p.Event.PenaltyId && time.Knew(w.RecordedBy)))).ToList(), time, withdrawLink);
}

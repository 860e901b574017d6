namespace Monitoring.Domain.Inspections;

/// <summary>The closed list of violation types an inspector records (виды нарушений).</summary>
public enum ViolationType
{
    /// <summary>Нарушение сроков оказания услуги.</summary>
    DeadlineBreach,
    /// <summary>Оказание услуги при неполном пакете документов.</summary>
    IncompletePackage,
    /// <summary>Истребование документов, не предусмотренных стандартом.</summary>
    ExtraDocumentsDemanded,
    /// <summary>Нарушение регламента (бизнес-процесса).</summary>
    BusinessProcessBreach,
    /// <summary>Необоснованный отказ.</summary>
    UnjustifiedRefusal,
    /// <summary>Несвоевременный отказ.</summary>
    LateRefusal,
    /// <summary>Прочее — not scored.</summary>
    Other,
}

/// <summary>One recorded violation as it stands after the corrections and revocations recorded since.</summary>
public sealed class ViolationState(ViolationRecorded recorded)
{
    public ViolationRecorded Recorded { get; } = recorded;
    public ViolationType Type { get; private set; } = recorded.Type;
    public long Count { get; private set; } = recorded.Counted;
    public IReadOnlyList<string>? Cases { get; private set; } = recorded.Cases;
    public bool Revoked { get; private set; }

    /// <summary>A correction after revocation does not revive the violation.</summary>
    internal ViolationState Correct(ViolationCorrected c)
    {
        if (!Revoked) (Type, Count, Cases) = (c.Type, c.Counted, c.Cases);
        return this;
    }

    internal ViolationState Revoke()
    {
        Revoked = true;
        return this;
    }
}

/// <summary>
/// Folds recorded violations and their corrections and revocations, in recording order, into the counts that stand:
/// a revoked violation counts nothing, a corrected one counts as corrected. Nothing is lost: the originals stay in
/// the events.
/// </summary>
public static class ViolationLedger
{
    /// <summary>
    /// The single-violation facts an inspection event holds, in order: a file's violations one by one (each applied as if
    /// recorded alone), or the event itself.
    /// </summary>
    public static IReadOnlyList<object> Facts(object fact) => fact is ViolationsImported many ? many.Violations : [fact];

    /// <summary>
    /// Applies one single-violation fact (recorded, corrected, revoked; see <see cref="Facts"/>) to the violations recorded
    /// so far (keyed by inspection and violation: a pair, not a joined string, so folding thousands of them makes no key
    /// strings) and returns the violation it concerns; null when it concerns none (another kind of event, or an unknown
    /// violation).
    /// </summary>
    public static ViolationState? Apply(IDictionary<(string Inspection, string Violation), ViolationState> violations, object fact) => fact switch
    {
        ViolationRecorded f => violations[Key(f.InspectionId, f.ViolationId)] = new ViolationState(f),
        ViolationCorrected c when violations.TryGetValue(Key(c.InspectionId, c.ViolationId), out var corrected) => corrected.Correct(c),
        ViolationRevoked r when violations.TryGetValue(Key(r.InspectionId, r.ViolationId), out var revoked) => revoked.Revoke(),
        _ => null,
    };

    /// <summary>
    /// The violation a single-violation fact concerns as it stands before <see cref="Apply"/> takes it (the one a recording
    /// replaces); null when there is none yet, or the fact concerns no violation.
    /// </summary>
    public static ViolationState? Find(IReadOnlyDictionary<(string Inspection, string Violation), ViolationState> violations, object fact) => fact switch
    {
        ViolationRecorded f => violations.GetValueOrDefault(Key(f.InspectionId, f.ViolationId)),
        ViolationCorrected c => violations.GetValueOrDefault(Key(c.InspectionId, c.ViolationId)),
        ViolationRevoked r => violations.GetValueOrDefault(Key(r.InspectionId, r.ViolationId)),
        _ => null,
    };

    public static IReadOnlyDictionary<ViolationType, long> Standing(IEnumerable<object> facts)
    {
        var violations = new Dictionary<(string, string), ViolationState>();
        foreach (var fact in facts.SelectMany(Facts)) Apply(violations, fact);
        return violations.Values.Where(v => !v.Revoked).GroupBy(v => v.Type).ToDictionary(g => g.Key, g => g.Sum(v => v.Count));
    }

    private static (string, string) Key(string inspectionId, string violationId) => (inspectionId, violationId);
}

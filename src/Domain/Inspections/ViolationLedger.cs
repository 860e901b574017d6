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

/// <summary>A violation as first recorded: a count, or individual cases with their application/delivery references.</summary>
public sealed record ViolationFinding(string ViolationId, ViolationType Type, string ServiceCode, int Period, long Count, IReadOnlyList<string>? Cases);

/// <summary>A later change to a finding: a correction replaces its type and count, a revocation withdraws it.</summary>
public abstract record ViolationAmendment(string ViolationId, string Reason);
public sealed record ViolationCorrection(string ViolationId, ViolationType Type, long Count, IReadOnlyList<string>? Cases, string Reason)
    : ViolationAmendment(ViolationId, Reason);
public sealed record ViolationRevocation(string ViolationId, string Reason) : ViolationAmendment(ViolationId, Reason);

/// <summary>
/// Folds findings and their amendments, in recording order, into the counts that stand: a revoked finding counts
/// nothing, a corrected one counts as corrected. Nothing is lost: the originals stay in the events.
/// </summary>
public static class ViolationLedger
{
    public static IReadOnlyDictionary<ViolationType, long> Standing(IEnumerable<object> facts)
    {
        var current = new Dictionary<string, ViolationFinding?>();
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case ViolationFinding f:
                    current[f.ViolationId] = f;
                    break;
                case ViolationCorrection c when current.TryGetValue(c.ViolationId, out var found) && found is not null:
                    current[c.ViolationId] = found with { Type = c.Type, Count = c.Count, Cases = c.Cases };
                    break;
                case ViolationRevocation r when current.ContainsKey(r.ViolationId):
                    current[r.ViolationId] = null;
                    break;
            }
        }
        return current.Values.OfType<ViolationFinding>()
            .GroupBy(f => f.Type)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Cases?.Count ?? f.Count));
    }
}

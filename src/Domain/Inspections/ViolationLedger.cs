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

/// <summary>
/// Folds recorded violations and their corrections and revocations, in recording order, into the counts that stand:
/// a revoked violation counts nothing, a corrected one counts as corrected. Nothing is lost: the originals stay in
/// the events.
/// </summary>
public static class ViolationLedger
{
    public static IReadOnlyDictionary<ViolationType, long> Standing(IEnumerable<object> facts)
    {
        var current = new Dictionary<string, (ViolationType Type, long Count)?>();
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case ViolationRecorded f:
                    current[f.ViolationId] = (f.Type, f.Counted);
                    break;
                case ViolationCorrected c when current.TryGetValue(c.ViolationId, out var found) && found is not null:
                    current[c.ViolationId] = (c.Type, c.Counted);
                    break;
                case ViolationRevoked r when current.ContainsKey(r.ViolationId):
                    current[r.ViolationId] = null;
                    break;
            }
        }
        return current.Values.Where(v => v is not null).Select(v => v!.Value)
            .GroupBy(v => v.Type)
            .ToDictionary(g => g.Key, g => g.Sum(v => v.Count));
    }
}

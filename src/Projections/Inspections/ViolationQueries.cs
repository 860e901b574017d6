namespace Monitoring.Projections.Inspections;

public sealed record ViolationTotal(IReadOnlyDictionary<string, string?> Group, long Count, int Violations);

/// <summary>Standing violations (revocations and corrections applied) per body, unit, service, type and period.</summary>
public sealed class ViolationQueries(IQuerySession session)
{
    public static readonly string[] GroupColumns = ["body", "unit", "service", "type", "period", "inspection"];

    public async Task<IReadOnlyList<ViolationTotal>> TotalsAsync(string? body, int? period, ViolationType? type, IReadOnlyList<string> groupBy, CancellationToken ct)
    {
        foreach (var g in groupBy)
            if (!GroupColumns.Contains(g)) throw new DomainRuleViolation("groupBy", $"'{g}' is not one of {string.Join(", ", GroupColumns)}");
        var query = session.Query<InspectionView>().AsQueryable();
        if (body is not null) query = query.Where(i => i.BodyCode == body);
        var inspections = await query.ToListAsync(ct);
        await InspectionViolations.FillAsync(session, inspections, ct);
        var rows = inspections.SelectMany(i => i.Violations.Where(v => !v.Revoked).Select(v => (Inspection: i, Violation: v)))
            .Where(x => period is null || x.Violation.Period == period)
            .Where(x => type is null || x.Violation.Type == type);
        string? Value(string column, (InspectionView Inspection, ViolationView Violation) x) => column switch
        {
            "body" => x.Inspection.BodyCode,
            "unit" => x.Violation.UnitCode,
            "service" => x.Violation.ServiceCode,
            "type" => x.Violation.Type.ToString(),
            "period" => x.Violation.Period.ToString(),
            _ => x.Inspection.InspectionId,
        };
        return rows.GroupBy(x => string.Join('\u001f', groupBy.Select(g => Value(g, x) ?? "")))
            .Select(g => new ViolationTotal(groupBy.ToDictionary(c => c, c => Value(c, g.First())), g.Sum(x => x.Violation.Count), g.Count()))
            .OrderBy(t => string.Join('|', t.Group.Values), StringComparer.Ordinal)
            .ToList();
    }
}

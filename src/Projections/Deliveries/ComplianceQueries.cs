using Monitoring.Domain.Deliveries;
using Monitoring.Projections.Inspections;

namespace Monitoring.Projections.Deliveries;

public sealed record DeadlineComplianceView(
    string BodyCode, int Period, long Delivered, long ExcludedOneDay, long Counted, long Late,
    IReadOnlyDictionary<DeliverySource, long> LateBySource, decimal? LateShare, long FoundByInternalControl, decimal? InternalControlShare,
    int LateDataSubmissions, IReadOnlyList<ServiceCompliance> Services, DeadlineComplianceView? Previous, int? Direction);

/// <summary>One service's part: delivered, whether its one-day term leaves it out of the base, distinct late deliveries.</summary>
public sealed record ServiceCompliance(string ServiceCode, long Delivered, bool ExcludedOneDay, long Late,
    IReadOnlyDictionary<DeliverySource, long> LateBySource, decimal? LateShare);

public sealed record QualityViolationsView(
    string BodyCode, int Period, IReadOnlyDictionary<ViolationType, long> ByInspections, IReadOnlyDictionary<ViolationType, long> ByInternalControl,
    IReadOnlyDictionary<ViolationType, long> Total);

/// <summary>
/// Deadline compliance and quality-assurance violations of a body for a period, from the reports, inspections and
/// internal-control reports recorded for it. Delivered counts come from the body's own report (the information
/// system's where the body sent none); late deliveries from every source, a delivery reported by several sources
/// counted once; services whose passport (valid at the period's end) has a one-working-day term leave the base.
/// </summary>
public sealed class ComplianceQueries(IQuerySession session)
{
    public async Task<DeadlineComplianceView?> DeadlineComplianceAsync(string body, int period, CancellationToken ct)
    {
        var current = await ForPeriodAsync(body, period, ct);
        if (current is null) return null;
        var previous = await ForPeriodAsync(body, period - 1, ct);
        return current with
        {
            Previous = previous,
            Direction = previous is null ? null : DeadlineCompliance.Direction(ToDomain(current), ToDomain(previous)),
        };
    }

    public async Task<QualityViolationsView> QualityViolationsAsync(string body, int period, CancellationToken ct)
    {
        var inspections = (await new ViolationQueries(session).TotalsAsync(body, period, null, ["type"], ct))
            .ToDictionary(t => Enum.Parse<ViolationType>(t.Group["type"]!), t => t.Count);
        var internalControl = (await session.Query<InternalControlReportView>()
                .Where(r => r.Report.BodyCode == body && r.Report.Period == period).ToListAsync(ct))
            .SelectMany(r => r.Report.ViolationsByType).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var total = inspections.Keys.Union(internalControl.Keys)
            .ToDictionary(t => t, t => inspections.GetValueOrDefault(t) + internalControl.GetValueOrDefault(t));
        return new QualityViolationsView(body, period, inspections, internalControl, total);
    }

    private static DeadlineCompliance ToDomain(DeadlineComplianceView v) =>
        new(v.Delivered, v.ExcludedOneDay, v.Counted, v.Late, v.LateBySource, v.LateShare);

    private async Task<DeadlineComplianceView?> ForPeriodAsync(string body, int period, CancellationToken ct)
    {
        var reports = (await session.Query<DeliveryReportView>()
            .Where(r => r.Report.BodyCode == body && r.Report.Period == period).ToListAsync(ct)).Select(r => r.Report).ToList();
        var inspections = await session.Query<InspectionView>().Where(i => i.BodyCode == body).ToListAsync(ct);
        await InspectionViolations.FillAsync(session, inspections, ct);
        var breaches = inspections.SelectMany(i => i.Violations.Where(v => !v.Revoked && v.Type == ViolationType.DeadlineBreach && v.Period == period))
            .Select(v => new InspectedBreach(v.ServiceCode, v.Count, v.Cases))
            .ToList();
        if (reports.Count == 0 && breaches.Count == 0) return null;

        var delivered = DeadlineCompliance.DeliveredByService(reports);
        var services = await session.LoadManyAsync<CatalogueService>(ct, delivered.Keys.Select(PublicService.StreamKey).ToArray());
        var periodEnd = new DateOnly(period, 12, 31);
        var passports = services.ToDictionary(s => s.Code, s => s.PassportOn(periodEnd)?.Passport);

        var c = DeadlineCompliance.OfReports(reports, breaches, passports.GetValueOrDefault);
        var perService = delivered.Keys.Union(reports.SelectMany(r => r.LateDeliveries.Select(l => l.ServiceCode))).Union(breaches.Select(b => b.ServiceCode))
            .Order(StringComparer.Ordinal).Select(code =>
        {
            var s = DeadlineCompliance.OfReports(reports, breaches, passports.GetValueOrDefault, code);
            return new ServiceCompliance(code, s.Delivered, s.ExcludedOneDay > 0, s.LateDistinct, s.LateBySource, s.LateShare);
        }).ToList();

        var foundByInternalControl = (await session.Query<InternalControlReportView>()
            .Where(r => r.Report.BodyCode == body && r.Report.Period == period).ToListAsync(ct)).Sum(r => r.Report.DeadlineViolationsFound);
        return new DeadlineComplianceView(body, period, c.Delivered, c.ExcludedOneDay, c.Counted, c.LateDistinct, c.LateBySource, c.LateShare,
            foundByInternalControl, c.LateDistinct == 0 ? null : (decimal)foundByInternalControl / c.LateDistinct,
            reports.Sum(r => r.LateDataSubmissions), perService, null, null);
    }
}

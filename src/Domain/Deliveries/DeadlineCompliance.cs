namespace Monitoring.Domain.Deliveries;

/// <summary>Who reported a late delivery (источник сведений).</summary>
public enum DeliverySource
{
    /// <summary>The body's own report (отчёт услугодателя).</summary>
    BodyReport,
    /// <summary>The ministry's information system (ИС «Мониторинг»).</summary>
    InformationSystem,
    /// <summary>Found by the agency's control inspection.</summary>
    Inspection,
    /// <summary>Found by the body's own internal control.</summary>
    InternalControl,
}

/// <summary>Deliveries of one service in a period, with the passport valid then.</summary>
public sealed record ServiceDeliveries(string ServiceCode, long Delivered, ServicePassport? Passport);

/// <summary>One late delivery as reported by one source; the reference identifies the delivery across sources.</summary>
public sealed record LateDelivery(string Reference, DeliverySource Source, string ServiceCode);

/// <summary>Deadline breaches an inspection found and that stand: by case references, or as a count without them.</summary>
public sealed record InspectedBreach(string ServiceCode, long Count, IReadOnlyList<string>? Cases);

/// <summary>
/// Deadline compliance of a body for a period (соблюдение сроков), as the Karaganda 2017 assessment conclusion computes it: services whose passport
/// standard term is one working day are left out of the counted base; a late delivery reported by several sources
/// counts once (39 + 504 reported → 540 distinct); the share is distinct late deliveries over the counted base.
/// </summary>
public sealed record DeadlineCompliance(
    long Delivered, long ExcludedOneDay, long Counted, long LateDistinct, IReadOnlyDictionary<DeliverySource, long> LateBySource,
    decimal? LateShare)
{
    /// <param name="unreferenced">Late deliveries known only as a count per source (an inspection's finding without case
    /// references): each is its own delivery, so they add to the distinct count without de-duplication.</param>
    public static DeadlineCompliance Of(IEnumerable<ServiceDeliveries> deliveries, IEnumerable<LateDelivery> late,
        IReadOnlyDictionary<DeliverySource, long>? unreferenced = null)
    {
        long delivered = 0, excluded = 0;
        foreach (var d in deliveries)
        {
            delivered += d.Delivered;
            if (d.Passport?.StandardTerm?.IsOneWorkingDayOrLess == true) excluded += d.Delivered;
        }
        var lateList = late.ToList();
        var distinct = lateList.Select(l => l.Reference).Distinct(StringComparer.Ordinal).LongCount();
        var bySource = lateList.GroupBy(l => l.Source).ToDictionary(g => g.Key, g => g.Select(l => l.Reference).Distinct().LongCount());
        var counted = delivered - excluded;
        var compliance = new DeadlineCompliance(delivered, excluded, counted, distinct, bySource, Share(distinct, counted));
        foreach (var (source, count) in unreferenced ?? new Dictionary<DeliverySource, long>()) compliance = compliance.Plus(source, count);
        return compliance;
    }

    /// <summary>
    /// The same compliance with <paramref name="count"/> more late deliveries known only as a count from one source: each
    /// is a delivery of its own, so it adds to the distinct count and the source's without de-duplication.
    /// </summary>
    public DeadlineCompliance Plus(DeliverySource source, long count)
    {
        if (count == 0) return this;
        var bySource = new Dictionary<DeliverySource, long>(LateBySource);
        bySource[source] = bySource.GetValueOrDefault(source) + count;
        return this with { LateDistinct = LateDistinct + count, LateBySource = bySource, LateShare = Share(LateDistinct + count, Counted) };
    }

    private static decimal? Share(long late, long counted) => counted == 0 ? null : (decimal)late / counted;

    /// <summary>
    /// Which source's delivered counts are used: the body's own report, or the information system's where the body sent
    /// none (every source's late deliveries count all the same).
    /// </summary>
    public static DeliverySource DeliveringSource(IEnumerable<DeliveryReportSubmitted> reports) =>
        reports.Any(r => r.Source == DeliverySource.BodyReport) ? DeliverySource.BodyReport : DeliverySource.InformationSystem;

    /// <summary>Delivered counts per service from the delivering source's reports.</summary>
    public static IReadOnlyDictionary<string, long> DeliveredByService(IReadOnlyCollection<DeliveryReportSubmitted> reports)
    {
        var source = DeliveringSource(reports);
        return reports.Where(r => r.Source == source).SelectMany(r => r.Lines)
            .GroupBy(l => l.ServiceCode).ToDictionary(g => g.Key, g => g.Sum(l => l.Delivered));
    }

    /// <summary>
    /// Compliance from a period's delivery reports and the inspections' standing breaches, for the whole body or one
    /// <paramref name="service"/>: delivered counts from the delivering source, late deliveries from every source
    /// (by reference, counted once), breaches found without references each a delivery of their own.
    /// </summary>
    public static DeadlineCompliance OfReports(IReadOnlyCollection<DeliveryReportSubmitted> reports, IReadOnlyCollection<InspectedBreach> breaches,
        Func<string, ServicePassport?> passportOf, string? service = null)
    {
        bool In(string code) => service is null || code == service;
        var delivered = DeliveredByService(reports).Where(kv => In(kv.Key)).Select(kv => new ServiceDeliveries(kv.Key, kv.Value, passportOf(kv.Key)));
        var late = reports.SelectMany(r => r.LateDeliveries.Where(c => In(c.ServiceCode)).Select(c => new LateDelivery(c.Reference, r.Source, c.ServiceCode)))
            .Concat(breaches.Where(b => In(b.ServiceCode) && b.Cases is { Count: > 0 })
                .SelectMany(b => b.Cases!.Select(reference => new LateDelivery(reference, DeliverySource.Inspection, b.ServiceCode))));
        var unreferenced = new Dictionary<DeliverySource, long>
        {
            [DeliverySource.Inspection] = breaches.Where(b => In(b.ServiceCode) && b.Cases is not { Count: > 0 }).Sum(b => b.Count),
        };
        return Of(delivered, late, unreferenced);
    }

    /// <summary>Direction against the previous period: +1 better (fewer late), −1 worse, 0 unchanged; by share when both
    /// shares are known, else by counts.</summary>
    public static int Direction(DeadlineCompliance current, DeadlineCompliance previous) =>
        current.LateShare is { } now && previous.LateShare is { } before
            ? Math.Sign(before - now)
            : Math.Sign(previous.LateDistinct - current.LateDistinct);
}

using Monitoring.Domain.Deliveries;
using Monitoring.Domain.InternalControl;

namespace Monitoring.Projections.Deliveries;

/// <summary>The delivery and internal-control reports submitted for a body, as submitted (the figures computed from
/// them are <see cref="ComplianceQueries"/>'): of one period or of all, newest period first.</summary>
public sealed class ReportQueries(IQuerySession session)
{
    public async Task<IReadOnlyList<DeliveryReportView>> DeliveryReportsAsync(string body, int? period, CancellationToken ct) =>
        Of<DeliveryReportView, DeliveryReportSubmitted>(
            await session.Query<DeliveryReportView>().Where(r => r.Report.BodyCode == body).ToListAsync(ct), r => r.Period, period);

    public async Task<IReadOnlyList<InternalControlReportView>> InternalControlReportsAsync(string body, int? period, CancellationToken ct) =>
        Of<InternalControlReportView, InternalControlReportSubmitted>(
            await session.Query<InternalControlReportView>().Where(r => r.Report.BodyCode == body).ToListAsync(ct), r => r.Period, period);

    // A body has a few reports a year: the period is chosen here rather than in the query.
    private static IReadOnlyList<T> Of<T, TReport>(IEnumerable<T> reports, Func<TReport, int> periodOf, int? period) where T : ReportView<TReport> =>
        reports.Where(r => period is null || periodOf(r.Report) == period)
            .OrderByDescending(r => periodOf(r.Report)).ThenBy(r => r.SubmittedBy.RecordedAt).ToList();
}

using Monitoring.Domain.Deliveries;
using Monitoring.Domain.InternalControl;

namespace Monitoring.Projections.Deliveries;

/// <summary>A submitted report as read by the compliance queries (one document per report stream, of one event).</summary>
public abstract class ReportView<TReport>
{
    public string Id { get; set; } = "";
    public TReport Report { get; set; } = default!;
    public Provenance SubmittedBy { get; set; } = null!;
}

public sealed class DeliveryReportView : ReportView<DeliveryReportSubmitted>;

public sealed class InternalControlReportView : ReportView<InternalControlReportSubmitted>;

public abstract class ReportViewProjection<TView, TReport> : SingleStreamProjection<TView, string> where TView : ReportView<TReport>, new()
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    protected ReportViewProjection()
    {
        IncludeType<TReport>();
    }

    public override TView? Evolve(TView? snapshot, string id, IEvent e) =>
        e.Data is TReport report ? new TView { Id = id, Report = report, SubmittedBy = Provenance.Of(e) } : snapshot;
}

public sealed class DeliveryReportViewProjection : ReportViewProjection<DeliveryReportView, DeliveryReportSubmitted>;

public sealed class InternalControlReportViewProjection : ReportViewProjection<InternalControlReportView, InternalControlReportSubmitted>;

using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Deliveries;
using Monitoring.Domain.InternalControl;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Deliveries;

/// <summary>A submitted delivery report as read by the compliance queries (one document per report stream).</summary>
public sealed class DeliveryReportView
{
    public string Id { get; set; } = "";
    public DeliveryReportSubmitted Report { get; set; } = null!;
    public Provenance SubmittedBy { get; set; } = null!;
}

public sealed class DeliveryReportViewProjection : SingleStreamProjection<DeliveryReportView, string>
{
    public override DeliveryReportView? Evolve(DeliveryReportView? snapshot, string id, IEvent e) => e.Data is DeliveryReportSubmitted r
        ? new DeliveryReportView { Id = id, Report = r, SubmittedBy = Provenance.Of(e) }
        : snapshot;
}

public sealed class InternalControlReportView
{
    public string Id { get; set; } = "";
    public InternalControlReportSubmitted Report { get; set; } = null!;
    public Provenance SubmittedBy { get; set; } = null!;
}

public sealed class InternalControlReportViewProjection : SingleStreamProjection<InternalControlReportView, string>
{
    public override InternalControlReportView? Evolve(InternalControlReportView? snapshot, string id, IEvent e) => e.Data is InternalControlReportSubmitted r
        ? new InternalControlReportView { Id = id, Report = r, SubmittedBy = Provenance.Of(e) }
        : snapshot;
}

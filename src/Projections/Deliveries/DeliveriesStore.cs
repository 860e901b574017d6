namespace Monitoring.Projections.Deliveries;

public static class DeliveriesStore
{
    /// <summary>Delivery reports and internal-control reports: each a one-event stream with its inline document.</summary>
    public static StoreOptions ConfigureDeliveries(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([
            typeof(Domain.Deliveries.DeliveryReportSubmitted), typeof(Domain.InternalControl.InternalControlReportSubmitted),
        ]);
        opts.Projections.Add(new DeliveryReportViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new InternalControlReportViewProjection(), ProjectionLifecycle.Inline);
        return opts;
    }
}

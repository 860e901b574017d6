namespace Monitoring.Projections.Methodology;

public static class MethodologyStore
{
    public static StoreOptions ConfigureMethodology(this StoreOptions opts)
    {
        opts.Events.AddEventType<Domain.Methodology.MethodologyVersionPublished>();
        opts.Projections.Add(new MethodologyViewProjection(), ProjectionLifecycle.Inline);
        return opts;
    }
}

namespace Monitoring.Projections.Inspections;

public static class InspectionsStore
{
    public static StoreOptions ConfigureInspections(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([
            typeof(InspectionOpened), typeof(ViolationRecorded), typeof(ViolationsImported), typeof(ViolationCorrected), typeof(ViolationRevoked),
            typeof(InspectionClosed), typeof(RecommendationFulfilled),
        ]);
        opts.Projections.Add(new InspectionViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new InspectionViolationsProjection(), ProjectionLifecycle.Inline);
        opts.Storage.ExtendedSchemaObjects.Add(InspectionViolations.Definition(opts.DatabaseSchemaName));
        opts.Projections.Add(new WriteModelAggregation<Inspection>(Inspection.Evolve), ProjectionLifecycle.Live);
        opts.Schema.For<InspectionView>().Index(x => x.BodyCode);
        return opts;
    }
}

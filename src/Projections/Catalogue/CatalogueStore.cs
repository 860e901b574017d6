namespace Monitoring.Projections.Catalogue;

public static class CatalogueStore
{
    /// <summary>The catalogue's events, its inline read models (a service must name an existing body) and write models.</summary>
    public static StoreOptions ConfigureCatalogue(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([
            typeof(StateBodyRegistered), typeof(StateBodyRenamed), typeof(StateBodyReparented), typeof(StateBodyRetired),
            typeof(ServiceRegistered), typeof(ServiceRenamed), typeof(ServicePassportChanged), typeof(ServiceRetired),
            typeof(TerritoryRegistered), typeof(TerritoryRenamed),
        ]);
        opts.Projections.Add(new CatalogueTerritoryProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CatalogueBodyProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CatalogueServiceProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WriteModelAggregation<StateBody>(StateBody.Evolve), ProjectionLifecycle.Live);
        opts.Projections.Add(new WriteModelAggregation<PublicService>(PublicService.Evolve), ProjectionLifecycle.Live);
        opts.Projections.Add(new WriteModelAggregation<Territory>(Territory.Evolve), ProjectionLifecycle.Live);
        opts.Schema.For<CatalogueService>().Index(x => x.BodyCode);
        opts.Schema.For<CatalogueBody>().Index(x => x.ParentCode!);
        opts.Schema.For<CatalogueTerritory>().Index(x => x.Country);
        return opts;
    }
}

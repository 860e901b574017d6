namespace Monitoring.Projections.Surveys;

public static class SurveysStore
{
    /// <summary>Instruments and campaigns (inline), the plain-table read models of the answers (asynchronous) and the taken response ids.</summary>
    public static StoreOptions ConfigureSurveys(this StoreOptions opts, string schema)
    {
        opts.Events.AddEventTypes([
            typeof(SurveyCampaignOpened), typeof(ContactListFiguresRecorded), typeof(SurveyResponseRecorded), typeof(SurveyResponsesImported),
            typeof(PublishedDistributionImported), typeof(SurveyInstrumentPublished), typeof(CommentThemesPublished),
        ]);
        opts.Projections.Add(new SurveyCampaignViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SurveyInstrumentViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WriteModelAggregation<PublishedInstrument>(PublishedInstrument.Evolve), ProjectionLifecycle.Live);
        opts.Projections.Add(new WriteModelAggregation<SurveyCampaign>(SurveyCampaign.Evolve), ProjectionLifecycle.Live);
        opts.Projections.Add(new CommentThemesViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WriteModelAggregation<PublishedCommentThemes>(PublishedCommentThemes.Evolve), ProjectionLifecycle.Live);
        foreach (var table in SurveySchema.Tables(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        opts.Storage.ExtendedSchemaObjects.Add(ResponseIds.Definition(schema));
        // The survey facts projection (asynchronous) is registered by the host, which builds it with the node's import
        // gate: AddProjectionWithServices<SurveyFactsProjection>(…, ConfigureSurveyFacts). Tools that only append or
        // migrate do not run it; its tables are above.
        return opts;
    }

    /// <summary>
    /// The survey facts projection's name, events and batching. Single answers and published distributions are projected
    /// asynchronously (a daemon batch of up to 500 events); imported batches are written by their import in its transaction, so
    /// the daemon takes only the other two.
    /// </summary>
    public static void ConfigureSurveyFacts(ProjectionBase projection)
    {
        // The name keeps the shard ("SurveyFacts:All") and its recorded progress.
        projection.Name = SurveyFactsProjection.Name;
        foreach (var type in SurveyFactsProjection.Takes) projection.IncludeType(type);
        // An event here is one answer or one published distribution (imported batches are not taken): 500 to a transaction.
        projection.Options.BatchSize = 500;
        projection.Options.MaximumHopperSize = 1_000;
    }
}

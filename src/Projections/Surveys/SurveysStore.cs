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
    /// The survey facts projection's name and batching. Facts and aggregates are asynchronous: imports append at full
    /// speed and the daemon catches up. An imported batch event carries up to 1,000 answers, so a daemon batch of 25
    /// events writes at most ~25,000 answers.
    /// </summary>
    public static void ConfigureSurveyFacts(ProjectionBase projection)
    {
        // The name keeps the shard ("SurveyFacts:All") and its recorded progress.
        projection.Name = SurveyFactsProjection.Name;
        projection.Options.BatchSize = 25;
        // Hold at most two batches in memory: while an import has the node, the loader should not be deserialising ahead.
        projection.Options.MaximumHopperSize = 50;
    }
}

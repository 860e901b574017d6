using JasperFx.Events.Projections;
using Marten;
using Monitoring.Domain.Surveys;

namespace Monitoring.Projections.Surveys;

public static class SurveysStore
{
    /// <summary>Campaigns (inline), the plain-table read models of the answers (asynchronous) and the taken response ids.</summary>
    public static StoreOptions ConfigureSurveys(this StoreOptions opts, string schema)
    {
        opts.Events.AddEventTypes([
            typeof(SurveyCampaignOpened), typeof(ContactListFiguresRecorded), typeof(SurveyResponseRecorded), typeof(SurveyResponsesImported),
            typeof(PublishedDistributionImported),
        ]);
        opts.Projections.Add(new SurveyCampaignViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SurveyCampaignAggregation(), ProjectionLifecycle.Live);
        foreach (var table in SurveySchema.Tables(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        opts.Storage.ExtendedSchemaObjects.Add(ResponseIds.Definition(schema));
        // Facts and aggregates are asynchronous: imports append at full speed and the daemon catches up. An imported
        // batch event carries up to 1,000 answers, so a daemon batch of 25 events writes at most ~25,000 answers.
        opts.Projections.Add(new SurveyFactsProjection(schema), ProjectionLifecycle.Async, SurveyFactsProjection.Name,
            o =>
            {
                o.BatchSize = 25;
                // Hold at most two batches in memory: while an import has the node, the loader should not be deserialising ahead.
                o.MaximumHopperSize = 50;
            });
        return opts;
    }
}

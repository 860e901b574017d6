using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;
using Weasel.Core;

namespace Monitoring.Projections;

/// <summary>
/// The one place the event store and its projections are configured, shared by the API host, the tools and the tests.
/// </summary>
public static class MonitoringStore
{
    public const string DefaultSchema = "monitoring";

    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;

        // Readable natural keys ("service:PM-001") are what an auditor sees in every explanation.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        // Who recorded an event, under which correlation and causation: the audit trail of every input.
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true; // not part of EnableAll

        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        opts.Events.AddEventTypes(EventTypes);

        opts.Projections.Add(new CatalogueBodyProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CatalogueServiceProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateBodyAggregation(), ProjectionLifecycle.Live);
        opts.Projections.Add(new PublicServiceAggregation(), ProjectionLifecycle.Live);

        opts.Projections.Add(new SurveyCampaignViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SurveyCampaignAggregation(), ProjectionLifecycle.Live);
        foreach (var table in SurveySchema.Tables(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        // Facts and aggregates are asynchronous: imports append at full speed, the daemon catches up in large batches.
        opts.Projections.Add(new SurveyFactsProjection(schema), ProjectionLifecycle.Async, SurveyFactsProjection.Name,
            o => o.BatchSize = 5_000);

        opts.Schema.For<CatalogueService>().Index(x => x.BodyCode);
        opts.Schema.For<CatalogueBody>().Index(x => x.ParentCode!);
    }

    public static readonly Type[] EventTypes =
    [
        typeof(StateBodyRegistered), typeof(StateBodyRenamed), typeof(StateBodyReparented), typeof(StateBodyRetired),
        typeof(ServiceRegistered), typeof(ServiceRenamed), typeof(ServicePassportChanged), typeof(ServiceRetired),
        typeof(SurveyCampaignOpened), typeof(ContactListFiguresRecorded), typeof(SurveyResponseRecorded),
        typeof(PublishedDistributionImported),
    ];
}

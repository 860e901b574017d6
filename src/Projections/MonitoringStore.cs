using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Monitoring.Domain.Assessments;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Complaints;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Complaints;
using Monitoring.Projections.Deliveries;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Inspections;
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
        // Marten opens a pooled connection per operation; skipping the DISCARD ALL on each return halves the round trips
        // of a small command (Marten keeps no session state on its connections).
        opts.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;

        // Readable natural keys ("service:PM-001") are what an auditor sees in every explanation.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        // Who recorded an event, under which correlation and causation: the audit trail of every input.
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true; // not part of EnableAll

        // Nulls are left out of the stored JSON: answers have many optional fields, and imports write millions of them.
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            o => o.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

        opts.Events.AddEventTypes(EventTypes);

        opts.Projections.Add(new CatalogueBodyProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CatalogueServiceProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateBodyAggregation(), ProjectionLifecycle.Live);
        opts.Projections.Add(new PublicServiceAggregation(), ProjectionLifecycle.Live);

        opts.Projections.Add(new InspectionViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new InspectionAggregation(), ProjectionLifecycle.Live);
        opts.Schema.For<InspectionView>().Index(x => x.BodyCode);

        opts.Projections.Add(new ComplaintViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ComplaintAggregation(), ProjectionLifecycle.Live);
        opts.Schema.For<ComplaintView>().Index(x => x.BodyCode);

        opts.Projections.Add(new DeliveryReportViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new InternalControlReportViewProjection(), ProjectionLifecycle.Inline);

        opts.Projections.Add(new Monitoring.Projections.Methodology.MethodologyViewProjection(), ProjectionLifecycle.Inline);

        opts.Projections.Add(new Assessments.AssessmentViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Assessments.AssessmentAggregation(), ProjectionLifecycle.Live);

        opts.Projections.Add(new SurveyCampaignViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SurveyCampaignAggregation(), ProjectionLifecycle.Live);
        foreach (var table in SurveySchema.Tables(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        opts.Storage.ExtendedSchemaObjects.Add(ResponseIds.Definition(schema));
        foreach (var table in Journal.JournalSchema.Definitions(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        // The survey facts projection (asynchronous) is registered by the host, which builds it with the node's import
        // gate: AddProjectionWithServices<SurveyFactsProjection>(…, ConfigureSurveyFacts). Tools that only append or
        // migrate do not run it; its tables are above.

        opts.Schema.For<CatalogueService>().Index(x => x.BodyCode);
        opts.Schema.For<CatalogueBody>().Index(x => x.ParentCode!);
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

    /// <summary>
    /// The tables that are history: the application role may read and append to them, never update, delete or truncate
    /// them (granted by the schema owner at start-up; see the README, "Secure it").
    /// </summary>
    public static IReadOnlyList<string> AppendOnlyTables => ["mt_events", .. Journal.JournalSchema.Tables];

    /// <summary>
    /// SQL the schema owner runs after Marten has created or migrated its tables (objects Marten does not manage itself,
    /// such as the journal's trigger on <c>mt_events</c>). Idempotent.
    /// </summary>
    public static IEnumerable<string> OwnerSql(string schema) => Journal.JournalSchema.OwnerSql(schema);

    public static readonly Type[] EventTypes =
    [
        typeof(StateBodyRegistered), typeof(StateBodyRenamed), typeof(StateBodyReparented), typeof(StateBodyRetired),
        typeof(ServiceRegistered), typeof(ServiceRenamed), typeof(ServicePassportChanged), typeof(ServiceRetired),
        typeof(SurveyCampaignOpened), typeof(ContactListFiguresRecorded), typeof(SurveyResponseRecorded), typeof(SurveyResponsesImported),
        typeof(PublishedDistributionImported),
        typeof(InspectionOpened), typeof(ViolationRecorded), typeof(ViolationCorrected), typeof(ViolationRevoked),
        typeof(InspectionClosed), typeof(RecommendationFulfilled),
        typeof(ComplaintLodged), typeof(ComplaintDecided), typeof(ComplaintAnswered), typeof(ComplaintAnswerOverdue),
        typeof(Monitoring.Domain.Deliveries.DeliveryReportSubmitted), typeof(Monitoring.Domain.InternalControl.InternalControlReportSubmitted),
        typeof(Monitoring.Domain.Methodology.MethodologyVersionPublished),
        typeof(AssessmentOpened), typeof(SatisfactionMeasuresReported), typeof(SatisfactionMeasuresRecognised), typeof(PenaltyAssessed),
        typeof(PenaltyWithdrawn), typeof(AssessmentPublished),
    ];
}

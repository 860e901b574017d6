using Monitoring.Projections.Assessments;
using Monitoring.Projections.Complaints;
using Monitoring.Projections.Deliveries;
using Monitoring.Projections.Inspections;
using Monitoring.Projections.Journal;
using Monitoring.Projections.Methodology;
using Monitoring.Projections.Surveys;
using Weasel.Core;

namespace Monitoring.Projections;

/// <summary>
/// The event store's configuration, shared by the API host, the tools and the tests: the store-wide settings here, and
/// each capability's events, projections and tables in its own <c>Configure…</c> beside them.
/// </summary>
public static class MonitoringStore
{
    public const string DefaultSchema = "monitoring";

    /// <summary>
    /// The connection string every pool of the application opens with (Marten's, the plain-table read models', a replica's).
    /// A pooled connection is taken per operation: skipping the DISCARD ALL on each return halves the round trips of a small
    /// command (no session state is kept on these connections), and statements used twice are prepared, so the server plans
    /// a dashboard's query once instead of on every request (planning was most of its time).
    /// </summary>
    public static string Tuned(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;

    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema)
    {
        opts.Connection(Tuned(connectionString));
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;

        // Readable natural keys ("service:PM-001") are what an auditor sees in every explanation.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        // Who recorded an event, under which correlation and causation: the audit trail of every input.
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true; // not part of EnableAll
        // Spans for Marten's sessions and connections (OpenTelemetry; nothing is recorded unless a listener is there),
        // and a counter of the events appended per type.
        opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        opts.OpenTelemetry.TrackEventCounters();

        // Nulls are left out of the stored JSON: answers have many optional fields, and imports write millions of them.
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            o => o.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

        // Each capability registers its own events, projections and tables beside them.
        opts.ConfigureCatalogue().ConfigureInspections().ConfigureComplaints().ConfigureDeliveries().ConfigureMethodology()
            .ConfigureAssessments().ConfigureSurveys(schema).ConfigureJournal(schema);
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
}

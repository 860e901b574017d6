using FluentValidation;
using Hangfire;
using Hangfire.PostgreSql;
using JasperFx.Events.Projections;
using Monitoring.Api.Audit;
using Monitoring.Api.Journal;
using Monitoring.Api.Catalogue;
using Monitoring.Api.Cluster;
using Monitoring.Api.DemoData;
using Monitoring.Api.Health;
using Monitoring.Application.Auth;
using Monitoring.Application.Surveys;
using Monitoring.Projections;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Common;
using Monitoring.Projections.Surveys;
using Monitoring.Api.Surveys;
using Monitoring.Api.Inspections;
using Monitoring.Api.Complaints;
using Monitoring.Api.Deliveries;
using Monitoring.Api.Methodology;
using Monitoring.Api.Assessments;
using Monitoring.Api.Web;
using Monitoring.Api.Telemetry;
using Npgsql;
using Scalar.AspNetCore;
using Wolverine.Marten;
using Wolverine.ErrorHandling;

[assembly: System.Resources.NeutralResourcesLanguage("ru")]

// `token ROLE [--name NAME] [--body CODE]` prints a development bearer token signed with the configured key and exits.
if (args is ["token", ..]) return DevToken.Run(args[1..]);

// Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var connectionString = builder.Configuration.GetConnectionString("Monitoring");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("No database: set ConnectionStrings__Monitoring, or start the system with ./run.sh, which provides PostgreSQL itself.");
    return 2;
}
var schema = builder.Configuration["Monitoring:Schema"] ?? MonitoringStore.DefaultSchema;
// With a schema owner of its own the API runs as a role that may only append to history (README, "Secure it").
var ownerConnectionString = builder.Configuration.GetConnectionString("MonitoringOwner");
var separateOwner = !string.IsNullOrWhiteSpace(ownerConnectionString);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddOpenApi(o =>
{
    o.AddDocumentTransformer<BearerSecurityTransformer>();
    // True to the traffic: optional and nullable fields, refusals of every operation (checked by the API tests' ContractCheck).
    OpenApiContract.Apply(o);
});
builder.AddMonitoringAuth();
// The web application for people (Razor Pages in the capability folders, on the same queries and commands).
builder.AddMonitoringWeb();
// Traces (HTTP → Wolverine → Marten → Npgsql) and metrics, exported by OTLP and scraped at /metrics.
builder.AddMonitoringTelemetry();

// Validators are stateless and costly to build (expression trees): one instance each for the process.
builder.Services.AddValidatorsFromAssemblyContaining<ValidationPolicy>(ServiceLifetime.Singleton);
// The API's reasons are English whatever language a page is shown in (FluentValidation would follow the request's culture).
ValidatorOptions.Global.LanguageManager.Culture = System.Globalization.CultureInfo.InvariantCulture;
builder.Services.AddSingleton(new ReadModelDatabase(NpgsqlDataSource.Create(MonitoringStore.Tuned(connectionString)), schema));
// The read side's query services (CatalogueQueries, ViolationQueries, …, the evidence loader): one per request, on the
// primary's query session or, for the API's reads, a hot standby's (ConnectionStrings:MonitoringReplica; ReadReplicaSetup).
builder.AddReadSide([.. typeof(CatalogueQueries).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Queries")), typeof(AssessmentEvidenceLoader)], schema);
// The body's evidence events and survey rows, kept between requests by their row versions (AssessmentEvidenceLoader).
builder.Services.AddSingleton<KeptEvidence>();
builder.Services.AddSingleton(builder.Configuration.GetSection(ComplaintSettings.Section).Get<ComplaintSettings>() ?? new ComplaintSettings());
builder.Services.AddScoped<ComplaintDeadlineJob>();
// One gate per node: an import running here pauses this node's survey projection (see IBulkImportGate).
builder.Services.AddSingleton<IBulkImportGate, BulkImportGate>();
builder.Services.AddSingleton<SurveyResponseImporter>();
builder.Services.AddSingleton<AggregateLanes>();
builder.Services.AddSingleton<Monitoring.Api.Surveys.RatingResponses>();
builder.Services.AddSingleton<SurveyAnswerWriter>();
builder.Services.AddSingleton<SurveyContextCache>();
builder.Services.AddSingleton<PublishedReportImporter>();
// Imports started from the pages run in the background, their progress polled by the page.
builder.Services.AddSingleton<SurveyImportRuns>();

// The verifiable journal: a leaf per event written by the database at append, sealed into a Merkle tree here, digests
// signed with a key held outside the database (see README, "Verify the history").
var journalSettings = builder.Configuration.GetSection(JournalSettings.Section).Get<JournalSettings>() ?? new JournalSettings();
builder.Environment.RefuseIf(journalSettings.RefusalReason(builder.Environment.IsDevelopment()));
builder.Services.AddSingleton(journalSettings);
builder.Services.AddSingleton<JournalKeys>();
builder.Services.AddSingleton<JournalStore>();
builder.Services.AddSingleton<JournalVerifier>();
builder.Services.AddSingleton<JournalProofs>();
builder.Services.AddScoped<JournalDigestJob>();

var marten = builder.Services.AddMarten(opts =>
    {
        MonitoringStore.Configure(opts, connectionString, schema);
        // The owner migrated the schema before start (DatabaseRoles, below): the application role changes none of it.
        if (separateOwner) opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
    })
    .UseLightweightSessions()
    // Built by the container so it shares the node's import gate (one instance: the daemon holds it).
    .AddProjectionWithServices<SurveyFactsProjection>(ProjectionLifecycle.Async, ServiceLifetime.Singleton, SurveysStore.ConfigureSurveyFacts);
// Marten logs every failed statement at Error; a write that lost a race is retried or answered 409 instead (MartenLog).
builder.Services.AddSingleton<MartenLog>();
builder.Services.ConfigureMarten((services, opts) => opts.Logger(services.GetRequiredService<MartenLog>()));
// Create or migrate every table (including the plain survey read-model tables) before serving any request.
if (!separateOwner) marten.ApplyAllDatabaseChangesOnStartup();
// Transactional outbox, and async projections spread over the running nodes by Wolverine
// (Marten's HotCold daemon is unusable with the patched lock package; see README).
marten.IntegrateWithWolverine(w =>
{
    w.UseWolverineManagedEventSubscriptionDistribution = true;
    // Wolverine's tables follow Marten's setting unless told: with a separate owner it still creates its own, as the application.
    if (separateOwner) w.AutoCreate = JasperFx.AutoCreate.CreateOrUpdate;
});

// With one connection the journal's trigger is created here, after Marten's migration; with a separate owner,
// DatabaseRoles runs it as the owner.
if (!separateOwner) builder.Services.AddHostedService<JournalSchemaStartup>();

// How fast a node that died has its projection shards restarted on the others (README, "Scale").
var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
builder.Environment.RefuseIf(cluster.RefusalReason());

builder.Host.UseWolverine(opts =>
{
    opts.Discovery.IncludeAssembly(typeof(Sending).Assembly);
    opts.Policies.AutoApplyTransactions();
    // Every handler validates its command first (input hygiene, then its FluentValidation validators), whoever sent it.
    opts.Policies.Add<ValidationPolicy>();
    // Aggregate handlers (Wolverine's aggregate handler workflow): a stream that must exist and does not is a 404, and a
    // command's optional expectedVersion is checked against the stream fetched (ExpectedVersionPolicy).
    opts.EntityDefaults.OnMissing = Wolverine.Persistence.OnMissing.ThrowException;
    opts.Policies.Add<ExpectedVersionPolicy>();
    // Every caller of a handler reports its failures itself (the API's ProblemDetails handler: 4xx at Information, 5xx as
    // errors with the correlation id; the demo loader, jobs and publisher log theirs). Wolverine's own per-message failure
    // log would say it again at "fail", now that validation runs inside the handler: an invalid request is no failure.
    opts.Policies.MessageFailureLogLevel(LogLevel.Debug);
    // The sender travels in the envelope (Sending); handlers may take it as an Actor parameter, and every command
    // naming a body is checked against the sender's before its handler runs.
    opts.Policies.AddMiddleware(typeof(ActorMiddleware));
    opts.Policies.AddMiddleware(typeof(BodyScopeMiddleware), chain => chain.MessageType.IsAssignableTo(typeof(IBodyScoped)));
    opts.Durability.Mode = DurabilityMode.Balanced;
    cluster.Apply(opts.Durability);
    opts.EnableRelayOfUserName = true;
    opts.UseRuntimeCompilation();
    // Writers without an expectedVersion who lose a race for a stream's next version run again on the new state
    // (inline retries of InvokeAsync), with growing pauses so eight inspectors on one inspection all get through.
    opts.OnException(WriteConflict.IsRetryable, "a lost race for a stream version")
        .RetryWithCooldown([.. Enumerable.Range(1, 20).Select(i => TimeSpan.FromMilliseconds(10 * i + Random.Shared.Next(0, 30)))]);
});

builder.Services.AddHangfire(c => c
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    // Its schema is installed before the storage is first used, once for nodes starting together (HangfireSchema).
    .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
        new PostgreSqlStorageOptions { SchemaName = $"{schema}_hangfire", PrepareSchemaIfNecessary = false }));
builder.Services.AddHangfireServer(o => o.WorkerCount = 2);

builder.Services.AddHealthChecks()
    .AddNpgSql(connectionString, name: "database")
    .AddCheck<ProjectionDaemonHealthCheck>("projections")
    .AddCheck<NodeHealthCheck>("node");

builder.Services.AddHostedService<JournalSealer>();
builder.Services.AddHostedService<DefaultMethodologyPublisher>();
builder.Services.AddHostedService<Monitoring.Api.Surveys.SurveyBodyEventsBackfill>();
builder.Services.AddHostedService<Monitoring.Api.Surveys.SurveyFactsUpgrade>();
builder.Services.AddSingleton<Monitoring.Api.Surveys.SurveyImportFactsCatchUp>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Monitoring.Api.Surveys.SurveyImportFactsCatchUp>());
builder.Services.AddHostedService<Monitoring.Api.Inspections.InspectionViolationsBackfill>();
if (builder.Configuration.GetValue<bool>("Monitoring:DemoData"))
    builder.Services.AddHostedService<DemoDataLoader>();

var app = builder.Build();

// As the owner, before anything touches the database (Hangfire's schema is installed next, then Wolverine and the
// hosted services start): migrate, then grant the application role its rights.
if (separateOwner)
    await DatabaseRoles.PrepareAsync(ownerConnectionString!, connectionString, schema, [$"{schema}_hangfire"], app.Logger);

// Hangfire's tables, as the application role (it has CREATE on their schema), once for nodes starting together.
await HangfireSchema.InstallAsync(connectionString, $"{schema}_hangfire");

app.UseMiddleware<CorrelationMiddleware>();
app.UseExceptionHandler();
app.UseMiddleware<RequestGuardMiddleware>();
app.UseStatusCodePages();
app.UseMonitoringSecurity();
app.UseReadYourWrites();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs", o => o.WithTitle("Public service quality monitoring API")).AllowAnonymous();
app.MapHealth();
app.MapCatalogue();
app.MapSurveys();
app.MapInspections();
app.MapComplaints();
app.MapReports();
app.MapMethodology();
app.MapAssessments();
app.MapAudit();
app.MapJournal();
app.MapMonitoringDashboard();
app.MapMonitoringWeb();
app.MapMonitoringMetrics();

// Recurring jobs (Hangfire, PostgreSQL storage): complaints past their statutory answer deadline, hourly.
var recurringJobs = app.Services.GetRequiredService<IRecurringJobManager>();
recurringJobs.AddOrUpdate<ComplaintDeadlineJob>("complaint-deadlines", job => job.RunAsync(CancellationToken.None), Cron.Hourly());
recurringJobs.AddOrUpdate<JournalDigestJob>("journal-digest", job => job.RunAsync(CancellationToken.None), journalSettings.DigestCron);

await app.RunAsync();
return 0;

/// <summary>Lets the test host boot the real API.</summary>
public partial class Program;

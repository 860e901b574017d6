using Monitoring.Projections.Common;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitoring.Api.Telemetry;

/// <summary>
/// OpenTelemetry for the whole request: the HTTP server span (ASP.NET Core), Wolverine's handler spans, Marten's and the
/// SQL statements Npgsql sends, one trace; metrics of the same libraries (command rate and latency are Wolverine's own
/// execution metrics) and the system's own (<see cref="MonitoringInstruments"/>: projection lag per shard, imported rows,
/// scorecard computations). Exported by OTLP when <c>Telemetry:OtlpEndpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set, and scraped by Prometheus at <c>/metrics</c> (admins' bearer token).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "monitoring-api";

    public static WebApplicationBuilder AddMonitoringTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddHostedService<ProjectionLagSampler>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddMeter("Wolverine*", "Marten*", "Npgsql", MonitoringInstruments.Name)
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp)) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        // Spans are recorded only when there is somewhere to send them: a span per SQL statement is not free on the
        // import's hot path, and nobody reads spans that are not exported.
        if (!string.IsNullOrWhiteSpace(otlp))
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddSource("Wolverine*", "Marten*", "Npgsql", MonitoringInstruments.Name)
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, for admins (a scraper sends an admin's bearer token).</summary>
    public static WebApplication MapMonitoringMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
        return app;
    }
}

/// <summary>Samples the asynchronous projections' progress every few seconds for <see cref="MonitoringInstruments"/>.</summary>
public sealed class ProjectionLagSampler(IDocumentStore store, ILogger<ProjectionLagSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                MonitoringInstruments.ProjectionLag(await Health.ProjectionDaemonHealthCheck.LagAsync(store, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database restarting is no reason to stop sampling; the next tick tries again.
                logger.LogDebug(e, "Projection lag not sampled");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }
}

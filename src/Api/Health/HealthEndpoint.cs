using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Health;

/// <summary>What a health endpoint answers: the overall status, how long the checks took, and each check's own answer.</summary>
public sealed record HealthAnswer(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckAnswer> Checks);

/// <summary>One check: its status, why, and what it saw (e.g. each projection shard's owner and how far behind it is).</summary>
public sealed record HealthCheckAnswer(string Status, string? Description, IReadOnlyDictionary<string, object> Data);

public static class HealthEndpoint
{
    /// <summary>
    /// <c>/health/live</c>: the process serves requests (no dependency is asked, so a load balancer never restarts a node
    /// for a database it cannot fix). <c>/health/ready</c>: every check (the database, the projections, the node, a
    /// replica): Healthy or Degraded answer 200 with the status in the body, Unhealthy 503. <c>/health</c> is the same as
    /// ready, as it always was. All three are in the OpenAPI document and need no sign-in.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        app.MapGet("/health", ReadyAsync).WithTags("Health").AllowAnonymous().WithName("GetHealth")
            .WithSummary("Readiness (the same as /health/ready): the database, the asynchronous projections (owner, events waiting, the age of the oldest), the node and a replica")
            .Produces<HealthAnswer>().Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", ReadyAsync).WithName("GetReadiness")
            .WithSummary("Readiness: Healthy or Degraded (200, the status in the body) or Unhealthy (503), with every check's answer")
            .Produces<HealthAnswer>().Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/live", () => Results.Json(new HealthAnswer(nameof(HealthStatus.Healthy), 0, new Dictionary<string, HealthCheckAnswer>()), Json))
            .WithName("GetLiveness")
            .WithSummary("Liveness: the process serves requests (no dependency is asked)")
            .Produces<HealthAnswer>();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<IResult> ReadyAsync(HealthCheckService checks, CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(ct);
        var answer = new HealthAnswer(report.Status.ToString(), report.TotalDuration.TotalMilliseconds, report.Entries.ToDictionary(e => e.Key,
            e => new HealthCheckAnswer(e.Value.Status.ToString(), e.Value.Description ?? e.Value.Exception?.Message, e.Value.Data)));
        return Results.Json(answer, Json, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}

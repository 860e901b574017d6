using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Health;

/// <summary>
/// Reports how far each asynchronous projection shard is behind the event store's high-water mark.
/// Inline projections are always current (they commit with the events) and are not listed.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store) : IHealthCheck
{
    /// <summary>A shard more than this many events behind makes the system "degraded" (read models lag).</summary>
    public const long DegradedLag = 10_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var shards = await store.Advanced.AllProjectionProgress(token: ct);
        var data = new Dictionary<string, object>
        {
            ["events"] = stats.EventCount,
            ["highWaterMark"] = stats.EventSequenceNumber,
        };
        var worst = 0L;
        foreach (var shard in shards.Where(s => s.ShardName != "HighWaterMark"))
        {
            var lag = Math.Max(0, stats.EventSequenceNumber - shard.Sequence);
            data[$"shard:{shard.ShardName}"] = new { shard.Sequence, lag };
            worst = Math.Max(worst, lag);
        }
        return worst > DegradedLag
            ? HealthCheckResult.Degraded($"A projection is {worst} events behind", data: data)
            : HealthCheckResult.Healthy(shards.Count == 0 ? "No asynchronous projection shard has run yet" : $"Projections at most {worst} events behind", data);
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Health;

/// <summary>
/// Reports how far each asynchronous projection shard is behind the event store's highest sequence. Inline projections
/// are always current (they commit with the events) and are not listed. A shard that has never run counts from zero,
/// so a daemon that never started shows as lag instead of as "nothing to report".
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store, IConfiguration configuration) : IHealthCheck
{
    /// <summary>Configuration key: a shard more than this many events behind makes the system "Degraded" (read models lag).</summary>
    public const string MaxLagKey = "Monitoring:Health:MaxProjectionLag";
    public const long DefaultMaxLag = 10_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var maxLag = configuration.GetValue(MaxLagKey, DefaultMaxLag);
        var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var progress = await LagAsync(store, stats.EventSequenceNumber, ct);

        var data = new Dictionary<string, object>
        {
            ["events"] = stats.EventCount,
            ["highestSequence"] = stats.EventSequenceNumber,
            ["maxProjectionLag"] = maxLag,
        };
        var lagging = new List<string>();
        var worst = 0L;
        foreach (var (name, (sequence, lag)) in progress.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[$"shard:{name}"] = new { sequence, lag };
            worst = Math.Max(worst, lag);
            if (lag > maxLag) lagging.Add($"{name} is {lag} events behind");
        }
        return lagging.Count > 0
            ? HealthCheckResult.Degraded($"{string.Join("; ", lagging)} (allowed: {maxLag})", data: data)
            : HealthCheckResult.Healthy(progress.Count == 0 ? "No asynchronous projection" : $"Projections at most {worst} events behind", data);
    }

    /// <summary>Each asynchronous shard's sequence and how many events it is behind (the health check and the metrics alike).</summary>
    public static async Task<IReadOnlyDictionary<string, (long Sequence, long Lag)>> LagAsync(IDocumentStore store, CancellationToken ct) =>
        await LagAsync(store, (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber, ct);

    private static async Task<Dictionary<string, (long Sequence, long Lag)>> LagAsync(IDocumentStore store, long highest, CancellationToken ct)
    {
        var progress = (await store.Advanced.AllProjectionProgress(token: ct))
            .Where(s => s.ShardName != "HighWaterMark")
            .ToDictionary(s => s.ShardName, s => s.Sequence);
        foreach (var shard in ((StoreOptions)store.Options).Projections.AllShards())
            progress.TryAdd(shard.Name.Identity, 0);
        return progress.ToDictionary(p => p.Key, p => (p.Value, Math.Max(0, highest - p.Value)));
    }
}

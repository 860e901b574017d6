using Microsoft.Extensions.Diagnostics.HealthChecks;
using JasperFx.Events;
using Monitoring.Api.Cluster;
using Monitoring.Projections.Surveys;
using Wolverine.Runtime;

namespace Monitoring.Api.Health;

/// <summary>
/// Each asynchronous projection shard: the node that runs it (as the cluster records it, among nodes whose heartbeat is
/// current), its position, the events after it, how many of those it takes (for the survey shard, one answer or one
/// published distribution each: imports write their own read models), and how long the oldest of them has waited.
/// Degraded when an event has waited longer than <see cref="MaxAgeKey"/> seconds, or when a shard runs on no node and
/// an event has waited longer than the cluster's node timeout (a failover under way, or a shard nobody took). Counting
/// waiting time, not events, is what tells a reader whether the figures are current. Inline projections commit with
/// their events and are not listed.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store, IConfiguration configuration, IWolverineRuntime runtime) : IHealthCheck
{
    /// <summary>Configuration key: an event waiting longer than this many seconds makes the system "Degraded" (read models behind).</summary>
    public const string MaxAgeKey = "Monitoring:Health:MaxProjectionAgeSeconds";
    public const double DefaultMaxAge = 30;

    /// <summary>The event types the survey shard takes, as the event store names them.</summary>
    private static readonly string[] SurveyTypes = SurveyFactsProjection.Takes.Select(t => t.GetEventTypeName()).ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var maxAge = configuration.GetValue(MaxAgeKey, DefaultMaxAge);
        // The cluster's node timeout (Cluster:NodeTimeoutSeconds, applied to Wolverine as its stale-node timeout).
        var nodeTimeout = runtime.Options.Durability.StaleNodeTimeout.TotalSeconds;
        var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var progress = await LagAsync(store, stats.EventSequenceNumber, ct);
        var known = NodeHealthCheck.KnownShards(store);
        var owners = await OwnersAsync(known, ct);
        var now = DateTimeOffset.UtcNow;

        var data = new Dictionary<string, object>
        {
            ["events"] = stats.EventCount,
            ["highestSequence"] = stats.EventSequenceNumber,
            ["maxProjectionAgeSeconds"] = maxAge,
        };
        var problems = new List<string>();
        var worst = 0.0;
        await using var session = store.QuerySession();
        foreach (var name in known.Select(s => s.Identity).Order(StringComparer.Ordinal))
        {
            var (sequence, lag) = progress.GetValueOrDefault(name);
            // The oldest event after the shard's position, and how many of those the shard takes.
            DateTimeOffset? oldest = lag == 0 ? null : await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).Select(e => e.Timestamp).FirstOrDefaultAsync(ct);
            var age = oldest is { } at && at != default ? Math.Max(0, (now - at).TotalSeconds) : 0;
            var takes = lag == 0 ? 0 : name.StartsWith(SurveyFactsProjection.Name + ":", StringComparison.Ordinal)
                ? await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > sequence && e.EventTypeName.IsOneOf(SurveyTypes))
                    .CountAsync(ct)
                : lag;
            int? owner = owners.TryGetValue(name, out var number) ? number : null;
            data[$"shard:{name}"] = new { owner, sequence, lag, waiting = takes, oldestWaitingSeconds = Math.Round(age, 1) };
            worst = Math.Max(worst, age);
            if (age > maxAge) problems.Add($"{name}: its oldest event has waited {age:N0} s ({lag} events behind, {takes} for it)");
            else if (owner is null && age > nodeTimeout) problems.Add($"{name} runs on no node, and its oldest event has waited {age:N0} s");
        }
        return problems.Count > 0
            ? HealthCheckResult.Degraded($"{string.Join("; ", problems)} (allowed: {maxAge} s)", data: data)
            : HealthCheckResult.Healthy(progress.Count == 0 ? "No asynchronous projection" : $"Projections current: nothing waits longer than {worst:N0} s", data);
    }

    /// <summary>Each shard's node, among the nodes whose last heartbeat is within the stale-node timeout.</summary>
    private async Task<Dictionary<string, int>> OwnersAsync(List<JasperFx.Events.Projections.ShardName> known, CancellationToken ct)
    {
        var stale = runtime.Options.Durability.StaleNodeTimeout;
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in await runtime.Storage.Nodes.LoadAllNodesAsync(ct))
        {
            if (DateTimeOffset.UtcNow - node.LastHealthCheck > stale) continue;
            foreach (var uri in node.ActiveAgents)
                if (NodeHealthCheck.ShardOf(uri, known) is { } shard) owners[shard] = node.AssignedNodeNumber;
        }
        return owners;
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

namespace Monitoring.Api.Cluster;

/// <summary>
/// How quickly the nodes of one database notice that one of them has gone (configuration section <c>Cluster</c>), as
/// Wolverine's node agent settings. Wolverine's own defaults (a heartbeat every 10 s, a node presumed alive for a minute
/// after its last one) move the asynchronous projection shard of a killed node after a minute and more, while the read
/// models stand still; these defaults move it in about three seconds (measured by <c>TwoNodeFailoverTests</c>): the
/// survivor finds the node's heartbeat older than the timeout on one of its beats and starts the shard on that same beat.
/// A beat is a few small statements per node (its heartbeat row, the node table read, the leader's advisory lock), so
/// two beats a second cost PostgreSQL next to nothing.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>
    /// Seconds between a node's heartbeats, which is also how often every node checks the others and the leader (re)assigns
    /// the agents — projection shards included (Wolverine's <c>Durability.HealthCheckPollingTime</c>).
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 0.5;

    /// <summary>
    /// Seconds without a heartbeat after which a node is presumed dead and its shards are started on the survivors
    /// (<c>Durability.StaleNodeTimeout</c>). The failover takes about this long, plus up to one heartbeat and the shard's
    /// start. Too short and a node stalled by a long pause (five missed beats at the defaults) loses its shards while still
    /// alive; the survey projection is idempotent (applied sequences are recorded with the facts), so that costs a restart
    /// of the shard, never a double count.
    /// </summary>
    public double NodeTimeoutSeconds { get; set; } = 2.5;

    /// <summary>
    /// Seconds after which the leader places again an agent whose start on a node was never confirmed (twice this), and,
    /// on a single node (solo mode), how often stopped agents are started again (<c>Durability.CheckAssignmentPeriod</c>).
    /// A failover does not wait for it: the survivor starts the shard on the heartbeat that finds the node dead. Wolverine's
    /// default.
    /// </summary>
    public double AssignmentCheckSeconds { get; set; } = 30;

    /// <summary>Why the nodes must not run with these settings, or null.</summary>
    public string? RefusalReason() =>
        HeartbeatSeconds <= 0 || NodeTimeoutSeconds <= 0 || AssignmentCheckSeconds <= 0
            ? "Cluster:HeartbeatSeconds, Cluster:NodeTimeoutSeconds and Cluster:AssignmentCheckSeconds must be positive"
            // A node whose heartbeat is merely late by one beat must not be declared dead.
            : NodeTimeoutSeconds < 3 * HeartbeatSeconds
                ? $"Cluster:NodeTimeoutSeconds ({NodeTimeoutSeconds}) must be at least three heartbeats (3 × Cluster:HeartbeatSeconds = {3 * HeartbeatSeconds})"
                : null;

    /// <summary>Sets Wolverine's node agent timings from these settings.</summary>
    public void Apply(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = TimeSpan.FromSeconds(HeartbeatSeconds);
        durability.StaleNodeTimeout = TimeSpan.FromSeconds(NodeTimeoutSeconds);
        durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(AssignmentCheckSeconds);
        // The first heartbeat after start: no later than the regular beat (Wolverine's default is 3 s).
        durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(Math.Min(HeartbeatSeconds, 3));
        // A stopping node stops its heartbeat first, then waits for its in-flight handlers, then releases its shards. Were
        // that wait longer than the node timeout, the others would start its shards while it still runs them: it ends a
        // beat before (Wolverine's default is 30 s; the API's handlers are requests, already answered or cut by then).
        durability.DrainTimeout = TimeSpan.FromSeconds(Math.Max(NodeTimeoutSeconds - HeartbeatSeconds, HeartbeatSeconds));
    }
}

using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Monitoring.Api.Cluster;

/// <summary>
/// Which node answered and what runs where, for an operator behind a load balancer: this node's Wolverine node number,
/// whether it leads (the leader places the agents), the asynchronous projection shards its daemon runs now (Marten's
/// daemon, through the projection coordinator), and every node Wolverine knows of with its last heartbeat and the
/// shards assigned to it. Reads only Wolverine's and Marten's own APIs; always Healthy (projection lag is judged by the
/// "projections" check).
/// </summary>
public sealed class NodeHealthCheck(IWolverineRuntime runtime, IProjectionCoordinator coordinator, IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var self = runtime.Options.Durability.AssignedNodeNumber;
        var shards = (await coordinator.AllDaemonsAsync())
            .SelectMany(daemon => daemon.CurrentAgents())
            .Select(agent => new RunningShard(agent.Name.Identity, agent.Status.ToString(), agent.Position))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        var known = KnownShards(store);
        var now = DateTimeOffset.UtcNow;
        var nodes = (await runtime.Storage.Nodes.LoadAllNodesAsync(ct))
            .OrderBy(n => n.AssignedNodeNumber)
            .Select(n => new
            {
                node = n.AssignedNodeNumber,
                leader = n.IsLeader(),
                secondsSinceHeartbeat = Math.Round(Math.Max(0, (now - n.LastHealthCheck).TotalSeconds), 1),
                shards = n.ActiveAgents
                    .Where(uri => uri.Scheme == EventSubscriptionAgentFamily.SchemeName)
                    .Select(uri => ShardOf(uri, known) ?? string.Concat(uri.Segments.Skip(3)))
                    .Order(StringComparer.Ordinal)
                    .ToList(),
            })
            .ToList();

        // As the cluster records it (the leader is the node holding the leader agent in the node rows).
        var leader = nodes.Any(n => n.node == self && n.leader);
        var data = new Dictionary<string, object>
        {
            ["node"] = self,
            ["nodeId"] = runtime.Options.UniqueNodeId,
            ["leader"] = leader,
            ["shards"] = shards,
            ["nodes"] = nodes,
        };
        var running = shards.Count == 0 ? "no projection shard" : string.Join(", ", shards.Select(s => s.Name));
        return HealthCheckResult.Healthy($"Node {self}{(leader ? " (leader)" : "")} of {nodes.Count} runs {running}", data);
    }

    /// <summary>The store's asynchronous projection shards, by name.</summary>
    public static List<JasperFx.Events.Projections.ShardName> KnownShards(IDocumentStore store) =>
        ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name).ToList();

    /// <summary>
    /// The shard a node's event-subscription agent runs (e.g. <c>SurveyFacts:All</c>), or null for another agent. The agent
    /// addresses name the database server; only the shard's own part is matched.
    /// </summary>
    public static string? ShardOf(Uri agent, IEnumerable<JasperFx.Events.Projections.ShardName> known) =>
        agent.Scheme != EventSubscriptionAgentFamily.SchemeName ? null
            : known.FirstOrDefault(s => agent.AbsolutePath.EndsWith($"/{s.RelativeUrl}", StringComparison.OrdinalIgnoreCase))?.Identity;

    /// <summary>A shard of this node's daemon: its name (e.g. <c>SurveyFacts:All</c>), status and last applied sequence.</summary>
    public sealed record RunningShard(string Name, string Status, long Position);
}

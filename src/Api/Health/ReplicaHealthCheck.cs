using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Projections.Common;

namespace Monitoring.Api.Health;

/// <summary>
/// The read replica as last sampled (no query per call): where it stands against the primary, and "Degraded" when reads
/// cannot go to it (they go to the primary), when its replay is paused, or when it lags more than
/// <see cref="ReadReplicaSettings.MaxLag"/> (its reads are still served, each saying the sequence it reflects).
/// </summary>
public sealed class ReplicaHealthCheck(ReadReplica replica, ReadReplicaSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (replica.State is not { } s)
            return Task.FromResult(HealthCheckResult.Degraded("The replica has not been sampled yet: reads go to the primary"));
        var data = new Dictionary<string, object>
        {
            ["sampledAt"] = s.SampledAt,
            ["sequence"] = s.Sequence,
            ["readModelSequence"] = s.ReadModelSequence,
            ["primarySequence"] = s.PrimarySequence,
            ["eventsBehind"] = s.EventsBehind,
            ["lagSeconds"] = Math.Round(s.LagSeconds, 3),
            ["lagBytes"] = s.LagBytes,
            ["replayPaused"] = s.ReplayPaused,
            ["maxLagSeconds"] = settings.MaxLag.TotalSeconds,
        };
        var behind = string.Create(CultureInfo.InvariantCulture, $"at sequence {s.Sequence}, {s.EventsBehind} events and {s.LagSeconds:0.0} s behind the primary");
        var result = !replica.IsAvailable(settings, DateTimeOffset.UtcNow)
                ? HealthCheckResult.Degraded($"Reads go to the primary: the replica is {s.Problem ?? "not sampled lately"}", data: data)
            : s.ReplayPaused ? HealthCheckResult.Degraded($"The replica's replay is paused, {behind}", data: data)
            : s.LagSeconds > settings.MaxLag.TotalSeconds ? HealthCheckResult.Degraded($"The replica lags: {behind} (allowed: {settings.MaxLag.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)", data: data)
            : HealthCheckResult.Healthy($"The replica serves the reads, {behind}", data);
        return Task.FromResult(result);
    }
}

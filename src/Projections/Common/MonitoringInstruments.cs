using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Monitoring.Projections.Common;

/// <summary>
/// The system's own telemetry (meter and activity source <c>Monitoring</c>, exported by the API's OpenTelemetry set-up
/// beside Wolverine's, Marten's and Npgsql's): rows written by imports, scorecard computations with their duration, and
/// the asynchronous projections' lag (sampled by the API). Static, as .NET's own instruments are: nothing is recorded
/// unless a listener is there.
/// </summary>
public static class MonitoringInstruments
{
    public const string Name = "Monitoring";
    public static readonly ActivitySource Activities = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ImportedRows =
        Meter.CreateCounter<long>("monitoring.import.rows", "{row}", "Survey answers written by imports (rows/s is its rate)");

    public static readonly Histogram<double> ScorecardDuration =
        Meter.CreateHistogram<double>("monitoring.scorecard.duration", "ms", "Time to compute a scorecard from its evidence");

    private static volatile IReadOnlyDictionary<string, (long Sequence, long Lag)> _lag = new Dictionary<string, (long, long)>();

    private static volatile ReplicaState? _replica;

    static MonitoringInstruments()
    {
        Meter.CreateObservableGauge("monitoring.projection.lag", () => _lag.Select(s =>
                new Measurement<long>(s.Value.Lag, new KeyValuePair<string, object?>("shard", s.Key))), "{event}",
            "Events an asynchronous projection shard is behind the event store's highest sequence");
        // Nothing is measured without a replica (or before its first sample, or while it cannot be reached).
        Meter.CreateObservableGauge("monitoring.replica.lag", () => OfReplica(r => r.LagSeconds),
            "s", "How far the read replica is behind the primary (0 when it has replayed all the primary had written)");
        Meter.CreateObservableGauge("monitoring.replica.sequence", () => OfReplica(r => r.Sequence),
            "{event}", "The highest event sequence the read replica has applied");
        Meter.CreateObservableGauge("monitoring.replica.events_behind", () => OfReplica(r => r.EventsBehind),
            "{event}", "Events the primary holds and the read replica not yet");
    }

    /// <summary>The latest lag per shard, sampled in the background so that a scrape never waits on the database.</summary>
    public static void ProjectionLag(IReadOnlyDictionary<string, (long Sequence, long Lag)> lag) => _lag = lag;

    private static IEnumerable<Measurement<T>> OfReplica<T>(Func<ReplicaState, T> value) where T : struct =>
        _replica is { Available: true } r ? [new Measurement<T>(value(r))] : [];

    /// <summary>The read replica's latest sample (<see cref="ReadReplica.SampleAsync"/>), likewise.</summary>
    public static void Replica(ReplicaState state) => _replica = state;
}

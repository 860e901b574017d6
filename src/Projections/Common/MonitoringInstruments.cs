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

    static MonitoringInstruments() =>
        Meter.CreateObservableGauge("monitoring.projection.lag", () => _lag.Select(s =>
                new Measurement<long>(s.Value.Lag, new KeyValuePair<string, object?>("shard", s.Key))), "{event}",
            "Events an asynchronous projection shard is behind the event store's highest sequence");

    /// <summary>The latest lag per shard, sampled in the background so that a scrape never waits on the database.</summary>
    public static void ProjectionLag(IReadOnlyDictionary<string, (long Sequence, long Lag)> lag) => _lag = lag;
}

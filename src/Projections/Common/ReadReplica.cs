using Marten.Services;
using NpgsqlTypes;
using Marten.Storage;
using Monitoring.Projections.Surveys;

namespace Monitoring.Projections.Common;

/// <summary>Configuration section <c>Monitoring:Replica</c>: how the read replica is watched and how long a read waits for it.</summary>
public sealed class ReadReplicaSettings
{
    public const string Section = "Monitoring:Replica";

    /// <summary>How often the replica's position and lag are sampled (health, metrics, the headers of reads without a minimum).</summary>
    public TimeSpan SampleEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a read naming a minimum sequence (<c>X-Min-Sequence</c>) waits for its source to reach it before it is refused.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A replica further behind than this makes the health "Degraded" (its reads are still served, and say how old they are).</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(30);

    public string? RefusalReason() =>
        SampleEvery <= TimeSpan.Zero || SampleEvery > TimeSpan.FromMinutes(1) ? $"{Section}:SampleEvery must be within (0, 1 min]"
        : MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromSeconds(30) ? $"{Section}:MaxWait must be within [0, 30 s] (a request holds a connection while it waits)"
        : MaxLag <= TimeSpan.Zero ? $"{Section}:MaxLag must be positive"
        : null;
}

/// <summary>
/// One sample of the replica, next to the primary's position taken just before it. <see cref="Sequence"/> is the highest
/// event sequence the replica holds, <see cref="ReadModelSequence"/> how far the asynchronous survey read model it holds has
/// got; both only grow, so a sample is a lower bound of what a read on the replica sees afterwards.
/// </summary>
public sealed record ReplicaState(
    DateTimeOffset SampledAt, string? Problem, bool ReplayPaused, long Sequence, long ReadModelSequence, long PrimarySequence,
    double LagSeconds, long LagBytes)
{
    /// <summary>Reads may go to the replica: it answered, and as a standby (a promoted server follows the primary no more).</summary>
    public bool Available => Problem is null;

    public long EventsBehind => Math.Max(0, PrimarySequence - Sequence);

    public static ReplicaState Failed(DateTimeOffset at, string problem) => new(at, problem, false, 0, 0, 0, 0, 0);
}

/// <summary>
/// A PostgreSQL hot standby of the event store's database (<c>ConnectionStrings:MonitoringReplica</c>), read through
/// Marten as a second <see cref="MartenDatabase"/> over the standby's data source: query sessions opened on it
/// (<see cref="SessionOptions.ForDatabase(IMartenDatabase)"/>) run the same LINQ, loads and event queries as on the
/// primary, and its projection progress is read with Marten's own call. It never migrates anything (a standby is read-only;
/// the primary's schema arrives by replication). Marten's multi-host data source was not used: it sends every
/// <see cref="IQuerySession"/> to a standby, the write side's validation reads included, and cannot say which server
/// answered.
/// </summary>
public sealed class ReadReplica : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private volatile ReplicaState? _state;
    private DateTimeOffset? _behindSince;

    public ReadReplica(StoreOptions options, string connectionString, string schema)
    {
        _dataSource = NpgsqlDataSource.Create(MonitoringStore.Tuned(connectionString));
        Database = new MartenDatabase(options, _dataSource, "replica") { AutoCreate = JasperFx.AutoCreate.None };
        ReadModels = new ReadModelDatabase(_dataSource, schema);
    }

    public IMartenDatabase Database { get; }

    /// <summary>The plain-table read models (survey facts) on the replica.</summary>
    public ReadModelDatabase ReadModels { get; }

    /// <summary>The latest sample; null before the first.</summary>
    public ReplicaState? State => _state;

    /// <summary>Whether reads may go to the replica now: its latest sample is recent and found it a standby that answers.</summary>
    public bool IsAvailable(ReadReplicaSettings settings, DateTimeOffset now) =>
        _state is { Available: true } s && now - s.SampledAt <= settings.SampleEvery * 3 + TimeSpan.FromSeconds(5);

    public IQuerySession QuerySession(IDocumentStore store) => store.QuerySession(SessionOptions.ForDatabase(Database));

    /// <summary>
    /// Samples the primary's WAL position and highest sequence, then the replica's (in that order: a replica that has
    /// replayed up to the primary's position has everything committed before the sample began). The lag is zero when it
    /// has; otherwise the age of the last transaction it replayed (PostgreSQL's own measure: an upper bound after the
    /// primary was idle), or, before it replayed any, the time since it was first seen behind.
    /// </summary>
    public async Task<ReplicaState> SampleAsync(IDocumentStore store, NpgsqlDataSource primary, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        try
        {
            NpgsqlLogSequenceNumber primaryLsn;
            await using (var cmd = primary.CreateCommand("select pg_current_wal_lsn()"))
                primaryLsn = (NpgsqlLogSequenceNumber)(await cmd.ExecuteScalarAsync(ct))!;
            long primarySequence;
            await using (var session = store.QuerySession())
                primarySequence = await EventCutOff.SequenceAsync(session, null, ct);

            bool inRecovery, paused;
            NpgsqlLogSequenceNumber? replayed;
            DateTimeOffset? replayedAt;
            DateTimeOffset replicaNow;
            await using (var cmd = _dataSource.CreateCommand(
                             "select pg_is_in_recovery(), pg_last_wal_replay_lsn(), pg_last_xact_replay_timestamp(), " +
                             "case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end, now()"))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                await r.ReadAsync(ct);
                inRecovery = r.GetBoolean(0);
                replayed = r.IsDBNull(1) ? null : r.GetFieldValue<NpgsqlLogSequenceNumber>(1);
                replayedAt = r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2);
                paused = r.GetBoolean(3);
                replicaNow = r.GetFieldValue<DateTimeOffset>(4);
            }
            if (!inRecovery) return Keep(ReplicaState.Failed(now, "no standby (the server is not in recovery: promoted?)"));

            long sequence, readModels;
            await using (var session = QuerySession(store))
            {
                sequence = await EventCutOff.SequenceAsync(session, null, ct);
                readModels = await SurveyFactsProjection.ProgressAsync(session.Database, ct);
            }
            var bytes = replayed is { } lsn ? Math.Max(0L, (long)(ulong)primaryLsn - (long)(ulong)lsn) : 0L;
            var caughtUp = replayed is { } at && at >= primaryLsn;
            _behindSince = caughtUp ? null : _behindSince ?? now;
            var lag = caughtUp ? 0
                : replayedAt is { } t ? Math.Max(0, (replicaNow - t).TotalSeconds)
                : (now - _behindSince!.Value).TotalSeconds;
            return Keep(new ReplicaState(now, null, paused, sequence, Math.Min(readModels, sequence), primarySequence, lag, bytes));
        }
        // Whatever failed (a connection refused, a schema not yet replicated, Marten's wrapping of either), reads go to the primary.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Keep(ReplicaState.Failed(now, $"not readable ({e.Message})"));
        }
    }

    private ReplicaState Keep(ReplicaState state)
    {
        _state = state;
        MonitoringInstruments.Replica(state);
        return state;
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is IAsyncDisposable disposable) await disposable.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}

/// <summary>Which server answered a read.</summary>
public enum ReadSource
{
    Primary,
    Replica,
}

/// <summary>Where a source stands for a read that must reflect a sequence: whether it holds that event, its highest, and its survey read model's.</summary>
public sealed record SourcePosition(bool HoldsEvent, long Sequence, long ReadModelSequence)
{
    /// <summary>What a read of that kind reflects at least (the survey read model's progress bounds reads that use it).</summary>
    public long ReadSequence(bool readModels) => readModels ? Math.Min(Sequence, ReadModelSequence) : Sequence;

    /// <summary>
    /// Whether a read of that kind reflects <paramref name="minimum"/>: the source holds that event (and so, replaying the
    /// primary's commits in order, everything committed before it) and, for the survey read model, has projected up to it.
    /// </summary>
    public bool Reflects(long minimum, bool readModels) => HoldsEvent && (!readModels || ReadModelSequence >= minimum);
}

/// <summary>
/// Where one request reads: the primary, or — once <see cref="UseReplica"/> is called (the API's reads, by
/// <c>ReadYourWritesMiddleware</c>, which then makes the request's query services on <see cref="ReplicaSession"/> and
/// <see cref="ReplicaReadModels"/>) — the replica. Pages, writes, handlers and jobs read the primary as before.
/// </summary>
public sealed class ReadSide(IDocumentStore store, ReadReplica? replica = null) : IAsyncDisposable
{
    private IQuerySession? _replicaSession;

    public ReadSource Source { get; private set; } = ReadSource.Primary;

    /// <summary>Whether a query service was made on the replica in this request (so the answer came from it).</summary>
    public bool ReplicaUsed { get; private set; }

    public void UseReplica() =>
        Source = replica is null ? throw new InvalidOperationException("No replica is configured (ConnectionStrings:MonitoringReplica)") : ReadSource.Replica;

    /// <summary>The replica's query session of this request (made on first use, disposed with the request).</summary>
    public IQuerySession ReplicaSession
    {
        get
        {
            ReplicaUsed = true;
            return _replicaSession ??= Replica.QuerySession(store);
        }
    }

    public ReadModelDatabase ReplicaReadModels
    {
        get
        {
            ReplicaUsed = true;
            return Replica.ReadModels;
        }
    }

    private ReadReplica Replica => Source == ReadSource.Replica ? replica! : throw new InvalidOperationException("This request reads the primary");

    /// <summary>Where the chosen source stands on <paramref name="sequence"/>, read on it (Marten's event query and projection progress).</summary>
    public async Task<SourcePosition> PositionAsync(long sequence, bool readModels, CancellationToken ct)
    {
        var session = Source == ReadSource.Replica ? replica!.QuerySession(store) : store.QuerySession();
        await using (session)
        {
            var batch = session.CreateBatchQuery();
            var holds = batch.Query<IEvent>().Where(e => e.Sequence == sequence).Any();
            var highest = batch.Query<IEvent>().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefault();
            await batch.Execute(ct);
            var progress = readModels ? await SurveyFactsProjection.ProgressAsync(session.Database, ct) : 0;
            return new SourcePosition(await holds, await highest, progress);
        }
    }

    /// <summary>Whether the primary holds that event (a sequence it never held is no sequence this API returned).</summary>
    public async Task<bool> PrimaryHoldsAsync(long sequence, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().AnyAsync(e => e.Sequence == sequence, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_replicaSession is not null) await _replicaSession.DisposeAsync();
    }
}

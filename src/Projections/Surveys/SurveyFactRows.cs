using System.Runtime.InteropServices;

namespace Monitoring.Projections.Surveys;

/// <summary>What one fact row is read from: an answer (with the criterion scores it carries) or a published distribution.</summary>
public sealed record FactRow(IEvent Event, int Item, string Scope, string Campaign, int Period, string Service, string Body, string? Unit,
    string? Region, string? Channels, ScoreDistribution Counts, SurveyResponseRecorded? Answer = null, string? Criterion = null)
{
    /// <summary>Where a published distribution came from is the report; an answer says itself.</summary>
    public SurveySource Source => Answer?.Source ?? SurveySource.PublishedReport;
}

/// <summary>What one recording event says about one body's services in a campaign (pooled over its answers).</summary>
public sealed record BodyEventRow(string Campaign, string Body, IEvent Event, int Period, SurveySource Source)
{
    public long Raters, TopBox, Positive;
}

/// <summary>
/// The event a batch's rows are read from when they are written in the very transaction that appends it: a batch of
/// imported answers, started as a stream of its own. Marten's quick append numbers and stamps the event in the database,
/// so in memory it has no sequence yet; the rows take its sequence and timestamp from its row, found by its stream
/// (<see cref="Column{TRow}.FromEvent"/>). Were the event missing, the key would be null and the transaction refused:
/// rows never go in under a wrong number.
/// </summary>
internal sealed record AppendedEvent(string Schema, string StreamKey)
{
    /// <summary>A common table expression <c>e</c> holding the event's row; its one parameter is the stream key.</summary>
    public string With => $"with e as (select seq_id, timestamp from {Schema}.mt_events where stream_id = ? and version = 1) ";

    public static string Column(string column) => $"(select {column} from e)";
}

/// <summary>
/// A batch of rows of one table, written with a single INSERT … SELECT unnest(…) generated from its columns. Each row's
/// values are taken into the column buffers as it is added, so the row (and the answer it was read from) dies young.
/// </summary>
internal sealed class TableBatch<TRow>(string table, IReadOnlyList<Column<TRow>> columns)
{
    private readonly (Action<TRow> Add, Func<Array> ToArray)[] _buffers = columns.Select(c => c.Buffer()).ToArray();
    private int _count;

    public void Add(TRow row)
    {
        foreach (var buffer in _buffers) buffer.Add(row);
        _count++;
    }

    /// <summary>Queues the insert; rows already there (a replay) are kept.</summary>
    /// <param name="appended">The event the rows come from, when it is appended in the same transaction.</param>
    public void Queue(IDocumentOperations operations, string schema, AppendedEvent? appended = null)
    {
        if (_count == 0) return;
        var fromEvent = columns.Select(c => appended is not null && c.FromEvent is not null).ToArray();
        var unnested = Enumerable.Range(0, columns.Count).Where(i => !fromEvent[i]).ToList();
        var select = columns.Select((c, i) => fromEvent[i] ? AppendedEvent.Column(c.FromEvent!) : c.Name);
        var arrays = unnested.Select(object (i) => _buffers[i].ToArray());
        operations.QueueSqlCommand($"""
            {appended?.With}insert into {schema}.{table} ({string.Join(", ", columns.Select(c => c.Name))})
            select {string.Join(", ", select)}
            from unnest({string.Join(", ", unnested.Select(i => $"?::{columns[i].Type}[]"))}) as u({string.Join(", ", unnested.Select(i => columns[i].Name))})
            on conflict ({string.Join(", ", columns.Where(c => c.Kind == ColumnKind.Key).Select(c => c.Name))}) do nothing
            """, appended is null ? arrays.ToArray() : [appended.StreamKey, .. arrays]);
    }
}

/// <summary>
/// What a batch of events writes: the fact rows, what each event says about each body, and what it adds to the aggregates
/// (pooled as they come).
/// </summary>
internal sealed class FactBatch
{
    private readonly TableBatch<FactRow> _facts = new(SurveySchema.Facts, SurveySchema.FactColumns),
        _criteria = new(SurveySchema.CriterionFacts, SurveySchema.CriterionFactColumns);
    private readonly Dictionary<(string Campaign, string Body, long Seq), BodyEventRow> _bodyEvents = [];
    private readonly Dictionary<(string Campaign, Dimension Dimension, GroupKey Key), PooledCounts> _aggregates = [];

    public void Add(FactRow fact)
    {
        if (fact.Criterion is not null)
        {
            _criteria.Add(fact);
            return;
        }
        _facts.Add(fact);
        if (fact.Scope is "all" or "overall")
        {
            var key = (fact.Campaign, fact.Body, fact.Event.Sequence);
            if (!_bodyEvents.TryGetValue(key, out var pooled))
                _bodyEvents[key] = pooled = new BodyEventRow(fact.Campaign, fact.Body, fact.Event, fact.Period, fact.Source);
            pooled.Raters += fact.Counts.Raters;
            pooled.TopBox += fact.Counts.TopBox;
            pooled.Positive += fact.Counts.Positive;
        }
    }

    /// <summary>Adds a count to its row of every view it pools into (<see cref="Dimension.PoolsOf"/>).</summary>
    public void Pool(string campaign, PooledCounts delta, Coordinates at, Axis? split = null)
    {
        foreach (var (view, key) in Dimension.PoolsOf(at, split))
        {
            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_aggregates, (campaign, view, key), out var exists);
            if (exists) row!.Add(delta);
            else row = delta.Copy();
        }
    }

    /// <param name="appended">The event the rows come from, when it is appended in the same transaction.</param>
    /// <param name="lane">The lane of the aggregate rows the batch adds to (<see cref="AggregateLanes"/>).</param>
    public void Queue(IDocumentOperations operations, string schema, AppendedEvent? appended = null, short lane = 0)
    {
        _facts.Queue(operations, schema, appended);
        var bodyEvents = new TableBatch<BodyEventRow>(SurveySchema.BodyEvents, SurveySchema.BodyEventColumns);
        foreach (var row in _bodyEvents.Values) bodyEvents.Add(row);
        bodyEvents.Queue(operations, schema, appended);
        _criteria.Queue(operations, schema, appended);
        // Last: the aggregate rows stay locked from this statement to the commit, and concurrent writers wait on them.
        if (_aggregates.Count > 0) PooledCounts.Queue(operations, schema, _aggregates, appended, lane);
    }
}

/// <summary>
/// The lanes of the aggregate rows. A view's row for a key is striped over lanes (<c>survey_aggregates.lane</c>, in its key)
/// and read as their sum, so writers on different lanes add to their own rows: an import's batches, committed in parallel,
/// would otherwise queue on the same hot rows (the total, each service) from their upsert to their commit. Lane 0 is the
/// projection's; a batch of an import holds one of the others for its transaction, none shared with a batch in flight in
/// this process (another node's batch may share it, and then waits, as rows without lanes would make everyone wait).
/// </summary>
public sealed class AggregateLanes
{
    public const short Projection = 0;
    public const int Count = 8;
    private readonly System.Threading.Channels.Channel<short> _free = System.Threading.Channels.Channel.CreateUnbounded<short>();

    public AggregateLanes()
    {
        for (short lane = 1; lane < Count; lane++) _free.Writer.TryWrite(lane);
    }

    /// <summary>Takes a free lane until the returned lease is disposed (waits while all are taken).</summary>
    public async ValueTask<Lease> TakeAsync(CancellationToken ct) => new(this, await _free.Reader.ReadAsync(ct));

    public readonly struct Lease(AggregateLanes lanes, short lane) : IDisposable
    {
        public short Lane => lane;
        public void Dispose() => lanes._free.Writer.TryWrite(lane);
    }
}

/// <summary>The counters of a <c>survey_aggregates</c> row; each is a bigint column of its snake_case name.</summary>
public enum Pooled
{
    N1, N2, N3, N4, N5, Hard, Respondents, Complained, ComplaintSatisfied, InformalYes, InformalAsked, ConnectionsYes, ConnectionsAsked,
    ExtraDocsYes, ExtraDocsAsked, QueueSubmitSum, QueueSubmitCount, ComplaintAsked, ComplaintOutcomeAsked, QueueCollectSum, QueueCollectCount,
    QueueSubmitSquares, QueueCollectSquares,
}

/// <summary>
/// The counters of one aggregate row: what a batch adds to it (mutable: a batch adds thousands of answers into a few
/// hundred rows), or what a query pooled.
/// </summary>
internal sealed class PooledCounts
{
    public static readonly Pooled[] All = Enum.GetValues<Pooled>();
    public static readonly string[] Columns = All.Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.ToString())).ToArray();

    public int Period;
    public long LastSeq;
    private readonly long[] _values = new long[All.Length];

    public long this[Pooled p]
    {
        get => _values[(int)p];
        set => _values[(int)p] = value;
    }

    public ScoreDistribution Distribution => new(this[Pooled.N1], this[Pooled.N2], this[Pooled.N3], this[Pooled.N4], this[Pooled.N5], this[Pooled.Hard]);

    public static PooledCounts ForDistribution(ScoreDistribution d, long seq, int period)
    {
        var counts = new PooledCounts { Period = period, LastSeq = seq };
        (counts[Pooled.N1], counts[Pooled.N2], counts[Pooled.N3], counts[Pooled.N4], counts[Pooled.N5], counts[Pooled.Hard], counts[Pooled.Respondents]) =
            (d.N1, d.N2, d.N3, d.N4, d.N5, d.HardToAnswer, d.N);
        return counts;
    }

    public static PooledCounts ForResponse(ScoreDistribution d, SurveyResponseRecorded r, long seq)
    {
        static long One(bool? b) => b == true ? 1 : 0;
        static long Asked(bool? b) => b is null ? 0 : 1;
        var delta = ForDistribution(d, seq, r.Period);
        delta[Pooled.Respondents] = 1;
        delta[Pooled.Complained] = r.Complaint is ComplaintMade.Oral or ComplaintMade.Written ? 1 : 0;
        delta[Pooled.ComplaintAsked] = r.Complaint is null ? 0 : 1;
        delta[Pooled.ComplaintSatisfied] = One(r.SatisfiedWithComplaintOutcome);
        delta[Pooled.ComplaintOutcomeAsked] = Asked(r.SatisfiedWithComplaintOutcome);
        delta[Pooled.InformalYes] = One(r.InformalPayment);
        delta[Pooled.InformalAsked] = Asked(r.InformalPayment);
        delta[Pooled.ConnectionsYes] = One(r.UsedConnections);
        delta[Pooled.ConnectionsAsked] = Asked(r.UsedConnections);
        delta[Pooled.ExtraDocsYes] = One(r.ExtraDocumentsDemanded);
        delta[Pooled.ExtraDocsAsked] = Asked(r.ExtraDocumentsDemanded);
        delta[Pooled.QueueSubmitSum] = r.MinutesQueuedToSubmit ?? 0;
        delta[Pooled.QueueSubmitCount] = r.MinutesQueuedToSubmit is null ? 0 : 1;
        delta[Pooled.QueueCollectSum] = r.MinutesQueuedToCollect ?? 0;
        delta[Pooled.QueueCollectCount] = r.MinutesQueuedToCollect is null ? 0 : 1;
        delta[Pooled.QueueSubmitSquares] = (long)(r.MinutesQueuedToSubmit ?? 0) * (r.MinutesQueuedToSubmit ?? 0);
        delta[Pooled.QueueCollectSquares] = (long)(r.MinutesQueuedToCollect ?? 0) * (r.MinutesQueuedToCollect ?? 0);
        return delta;
    }

    public PooledCounts Copy()
    {
        var copy = new PooledCounts { Period = Period, LastSeq = LastSeq };
        _values.CopyTo(copy._values, 0);
        return copy;
    }

    public void Add(PooledCounts o)
    {
        for (var i = 0; i < _values.Length; i++) _values[i] += o._values[i];
        LastSeq = Math.Max(LastSeq, o.LastSeq);
    }

    /// <summary>
    /// Adds a batch's deltas to their rows: one upsert, every column one array unnested server-side. The rows are taken in
    /// key order, so writers adding to the same rows at once (imports and the projection) lock them in the same order and
    /// wait for each other instead of deadlocking.
    /// </summary>
    /// <param name="lane">The lane the counts are added to (<see cref="AggregateLanes"/>).</param>
    public static void Queue(IDocumentOperations operations, string schema,
        Dictionary<(string Campaign, Dimension Dimension, GroupKey Key), PooledCounts> rows, AppendedEvent? appended = null, short lane = 0)
    {
        var keys = rows.Keys.Select(k => (k.Campaign, Dimension: k.Dimension.Name, Key: SurveySchema.KeyText(k.Key), Row: k))
            .OrderBy(k => k.Campaign, StringComparer.Ordinal).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToArray();
        var values = keys.Select(k => rows[k.Row]).ToArray();
        var lastSeq = appended is null ? "u.last_seq" : AppendedEvent.Column("seq_id");
        operations.QueueSqlCommand($"""
            {appended?.With}insert into {schema}.{SurveySchema.Aggregates} as a (campaign, dimension, key, lane, period, {string.Join(", ", Columns)}, last_seq, updated_at)
            select u.campaign, u.dimension, u.key, {lane}, u.period, {string.Join(", ", Columns.Select(c => "u." + c))}, {lastSeq}, now()
            from unnest(?::text[], ?::text[], ?::text[], ?::int[], {string.Join(", ", Columns.Select(_ => "?::bigint[]"))}{(appended is null ? ", ?::bigint[]" : "")})
              as u(campaign, dimension, key, period, {string.Join(", ", Columns)}{(appended is null ? ", last_seq" : "")})
            on conflict (campaign, dimension, key, lane) do update set {string.Join(", ", Columns.Select(c => $"{c} = a.{c} + excluded.{c}"))},
              last_seq = greatest(a.last_seq, excluded.last_seq), updated_at = now()
            """,
            [
                .. appended is null ? Array.Empty<object>() : [appended.StreamKey],
                keys.Select(k => k.Campaign).ToArray(), keys.Select(k => k.Dimension).ToArray(), keys.Select(k => k.Key).ToArray(),
                values.Select(x => x.Period).ToArray(),
                .. All.Select(p => (object)values.Select(x => x[p]).ToArray()),
                .. appended is null ? [values.Select(x => x.LastSeq).ToArray()] : Array.Empty<object>(),
            ]);
    }
}

using JasperFx.Events;
using Marten;
using Monitoring.Domain.Surveys;

namespace Monitoring.Projections.Surveys;

/// <summary>Column buffers for one batch of fact rows, written with a single INSERT … SELECT unnest(…).</summary>
internal sealed class FactRows
{
    private readonly List<string> _stream = [], _scope = [], _campaign = [], _service = [], _body = [], _source = [];
    private readonly List<string?> _unit = [], _region = [], _channels = [], _complaint = [], _connectionsBy = [], _gender = [],
        _age = [], _sourceRef = [], _recordedBy = [];
    private readonly List<long> _version = [], _n1 = [], _n2 = [], _n3 = [], _n4 = [], _n5 = [], _hard = [];
    private readonly List<long?> _seq = [];
    private readonly List<int> _period = [], _item = [];
    private readonly List<int?> _queueSubmit = [], _queueCollect = [];
    private readonly List<bool?> _metStaff = [], _complaintSatisfied = [], _informal = [], _connections = [], _extraDocs = [], _online = [];
    private readonly List<DateTimeOffset> _recordedAt = [];
    private readonly List<short?>[] _criteria = Criteria.National.Select(_ => new List<short?>()).ToArray();

    public int Count => _stream.Count;

    private readonly Dictionary<(string Campaign, string Body, long Seq), BodyEvent> _bodyEvents = [];

    private sealed class BodyEvent(IEvent e, int period, string source)
    {
        public readonly IEvent Event = e;
        public readonly int Period = period;
        public readonly string Source = source;
        public long Raters, TopBox, Positive;
    }

    public void Add(IEvent e, int item, string scope, string campaign, int period, string service, string body, string? unit, string? region,
        string? channels, ScoreDistribution d, SurveyResponseRecorded? r)
    {
        _stream.Add(e.StreamKey!); _version.Add(e.Version); _item.Add(item); _seq.Add(e.Sequence > 0 ? e.Sequence : null); _scope.Add(scope);
        _campaign.Add(campaign); _period.Add(period); _service.Add(service); _body.Add(body); _unit.Add(unit); _region.Add(region);
        _channels.Add(channels);
        _n1.Add(d.N1); _n2.Add(d.N2); _n3.Add(d.N3); _n4.Add(d.N4); _n5.Add(d.N5); _hard.Add(d.HardToAnswer);
        _metStaff.Add(r?.MetStaff); _complaint.Add(r?.Complaint.ToString()); _complaintSatisfied.Add(r?.SatisfiedWithComplaintOutcome);
        _informal.Add(r?.InformalPayment); _connections.Add(r?.UsedConnections); _connectionsBy.Add(r?.ConnectionsInitiatedBy?.ToString());
        _extraDocs.Add(r?.ExtraDocumentsDemanded); _queueSubmit.Add(r?.MinutesQueuedToSubmit); _queueCollect.Add(r?.MinutesQueuedToCollect);
        _online.Add(r?.AvailableOnline); _gender.Add(r?.Gender?.ToString()); _age.Add(r?.AgeBand?.ToString());
        _source.Add((r?.Source ?? SurveySource.PublishedReport).ToString()); _sourceRef.Add(r?.SourceReference);
        _recordedAt.Add(e.Timestamp); _recordedBy.Add(e.UserName);
        if (scope is "all" or "overall")
        {
            var key = (campaign, body, e.Sequence);
            if (!_bodyEvents.TryGetValue(key, out var pooled))
                _bodyEvents[key] = pooled = new BodyEvent(e, period, (r?.Source ?? SurveySource.PublishedReport).ToString());
            pooled.Raters += d.Raters;
            pooled.TopBox += d.TopBox;
            pooled.Positive += d.Positive;
        }
        for (var c = 0; c < Criteria.National.Length; c++)
            _criteria[c].Add(r is not null && r.CriterionScores.TryGetValue(Criteria.National[c], out var score) ? (short)(score ?? 0) : null);
    }

    public void Queue(IDocumentOperations operations, string schema)
    {
        QueueFacts(operations, schema);
        if (_bodyEvents.Count == 0) return;
        var rows = _bodyEvents.ToList();
        operations.QueueSqlCommand($"""
            insert into {schema}.{SurveySchema.BodyEvents} (campaign, body, seq, period, stream_key, version, raters, top_box, positive, source, recorded_at, recorded_by, event_type)
            select * from unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
            on conflict (campaign, body, seq) do nothing
            """,
            [rows.Select(r => r.Key.Campaign).ToArray(), rows.Select(r => r.Key.Body).ToArray(), rows.Select(r => r.Key.Seq).ToArray(),
            rows.Select(r => r.Value.Period).ToArray(), rows.Select(r => r.Value.Event.StreamKey!).ToArray(), rows.Select(r => r.Value.Event.Version).ToArray(),
            rows.Select(r => r.Value.Raters).ToArray(), rows.Select(r => r.Value.TopBox).ToArray(), rows.Select(r => r.Value.Positive).ToArray(),
            rows.Select(r => r.Value.Source).ToArray(),
            rows.Select(r => r.Value.Event.Timestamp).ToArray(), rows.Select(r => r.Value.Event.UserName).ToArray(),
            rows.Select(r => r.Value.Event.EventTypeName).ToArray()]);
    }

    private void QueueFacts(IDocumentOperations operations, string schema) =>
        operations.QueueSqlCommand($"""
            insert into {schema}.{SurveySchema.Facts} (stream_key, version, item, seq, scope, campaign, period, service, body, unit, region, channels,
              n1, n2, n3, n4, n5, hard, met_staff, complaint, complaint_satisfied, informal_payment, used_connections, connections_by,
              extra_docs, queue_submit, queue_collect, online, gender, age_band, source, source_ref, recorded_at, recorded_by,
              {string.Join(", ", Criteria.National.Select(SurveySchema.CriterionColumn))})
            select * from unnest(?::text[], ?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
              ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bool[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::text[],
              ?::bool[], ?::int[], ?::int[], ?::bool[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
              {string.Join(", ", Criteria.National.Select(_ => "?::smallint[]"))})
            on conflict (seq, item) do nothing
            """,
            [_stream.ToArray(), _version.ToArray(), _item.ToArray(), _seq.ToArray(), _scope.ToArray(), _campaign.ToArray(), _period.ToArray(), _service.ToArray(),
            _body.ToArray(), _unit.ToArray(), _region.ToArray(), _channels.ToArray(),
            _n1.ToArray(), _n2.ToArray(), _n3.ToArray(), _n4.ToArray(), _n5.ToArray(), _hard.ToArray(), _metStaff.ToArray(), _complaint.ToArray(),
            _complaintSatisfied.ToArray(), _informal.ToArray(), _connections.ToArray(), _connectionsBy.ToArray(), _extraDocs.ToArray(),
            _queueSubmit.ToArray(), _queueCollect.ToArray(), _online.ToArray(), _gender.ToArray(), _age.ToArray(), _source.ToArray(),
            _sourceRef.ToArray(), _recordedAt.ToArray(), _recordedBy.ToArray(), .._criteria.Select(c => (object)c.ToArray())]);
}

internal sealed class CriterionRows
{
    private readonly List<string> _stream = [], _criterion = [], _scope = [], _campaign = [], _service = [], _body = [];
    private readonly List<string?> _region = [], _channels = [];
    private readonly List<long> _version = [], _n1 = [], _n2 = [], _n3 = [], _n4 = [], _n5 = [], _hard = [];
    private readonly List<int> _period = [];
    private readonly List<long> _seq = [];

    public int Count => _stream.Count;

    public void Add(IEvent e, Criterion criterion, string scope, string campaign, int period, string service, string body, string? region,
        string? channels, ScoreDistribution d)
    {
        _stream.Add(e.StreamKey!); _version.Add(e.Version); _seq.Add(e.Sequence); _criterion.Add(criterion.ToString()); _scope.Add(scope); _campaign.Add(campaign);
        _period.Add(period); _service.Add(service); _body.Add(body); _region.Add(region); _channels.Add(channels);
        _n1.Add(d.N1); _n2.Add(d.N2); _n3.Add(d.N3); _n4.Add(d.N4); _n5.Add(d.N5); _hard.Add(d.HardToAnswer);
    }

    public void Queue(IDocumentOperations operations, string schema) =>
        operations.QueueSqlCommand($"""
            insert into {schema}.{SurveySchema.CriterionFacts} (stream_key, version, seq, criterion, scope, campaign, period, service, body, region, channels,
              n1, n2, n3, n4, n5, hard)
            select * from unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[],
              ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            on conflict (seq, criterion) do nothing
            """,
            _stream.ToArray(), _version.ToArray(), _seq.ToArray(), _criterion.ToArray(), _scope.ToArray(), _campaign.ToArray(), _period.ToArray(),
            _service.ToArray(), _body.ToArray(), _region.ToArray(), _channels.ToArray(),
            _n1.ToArray(), _n2.ToArray(), _n3.ToArray(), _n4.ToArray(), _n5.ToArray(), _hard.ToArray());
}

/// <summary>What a batch adds to one aggregate row (mutable: a batch adds thousands of answers into a few hundred rows).</summary>
internal sealed class AggregateDelta
{
    public int Period;
    public long N1, N2, N3, N4, N5, Hard, Respondents, Complained, ComplaintSatisfied, InformalYes, InformalAsked, ConnectionsYes,
        ConnectionsAsked, ExtraDocsYes, ExtraDocsAsked, QueueSubmitSum, QueueSubmitCount, LastSeq;

    public static AggregateDelta ForDistribution(ScoreDistribution d, long seq, int period = 0) => new()
    {
        Period = period, N1 = d.N1, N2 = d.N2, N3 = d.N3, N4 = d.N4, N5 = d.N5, Hard = d.HardToAnswer, Respondents = d.N, LastSeq = seq,
    };

    public static AggregateDelta ForResponse(ScoreDistribution d, SurveyResponseRecorded r, long seq)
    {
        static long One(bool? b) => b == true ? 1 : 0;
        static long Asked(bool? b) => b is null ? 0 : 1;
        var delta = ForDistribution(d, seq, r.Period);
        delta.Respondents = 1;
        delta.Complained = r.Complaint == ComplaintMade.No ? 0 : 1;
        delta.ComplaintSatisfied = One(r.SatisfiedWithComplaintOutcome);
        delta.InformalYes = One(r.InformalPayment);
        delta.InformalAsked = Asked(r.InformalPayment);
        delta.ConnectionsYes = One(r.UsedConnections);
        delta.ConnectionsAsked = Asked(r.UsedConnections);
        delta.ExtraDocsYes = One(r.ExtraDocumentsDemanded);
        delta.ExtraDocsAsked = Asked(r.ExtraDocumentsDemanded);
        delta.QueueSubmitSum = r.MinutesQueuedToSubmit ?? 0;
        delta.QueueSubmitCount = r.MinutesQueuedToSubmit is null ? 0 : 1;
        return delta;
    }

    public AggregateDelta Copy() => (AggregateDelta)MemberwiseClone();

    public void Add(AggregateDelta o)
    {
        N1 += o.N1; N2 += o.N2; N3 += o.N3; N4 += o.N4; N5 += o.N5; Hard += o.Hard; Respondents += o.Respondents;
        Complained += o.Complained; ComplaintSatisfied += o.ComplaintSatisfied; InformalYes += o.InformalYes; InformalAsked += o.InformalAsked;
        ConnectionsYes += o.ConnectionsYes; ConnectionsAsked += o.ConnectionsAsked; ExtraDocsYes += o.ExtraDocsYes;
        ExtraDocsAsked += o.ExtraDocsAsked; QueueSubmitSum += o.QueueSubmitSum; QueueSubmitCount += o.QueueSubmitCount;
        LastSeq = Math.Max(LastSeq, o.LastSeq);
    }

    public static void Queue(IDocumentOperations operations, string schema,
        Dictionary<(string Campaign, string Dimension, string Key), AggregateDelta> rows)
    {
        var keys = rows.Keys.ToArray();
        var values = keys.Select(k => rows[k]).ToArray();
        long[] Col(Func<AggregateDelta, long> f) => values.Select(f).ToArray();
        var names = new[] { "n1", "n2", "n3", "n4", "n5", "hard" }.Concat(SurveySchema.AggregateCounters).ToArray();
        var v = Enumerable.Range(0, names.Length).Select(i => $"v{i}").ToArray();
        operations.QueueSqlCommand($"""
            insert into {schema}.{SurveySchema.Aggregates} as a (campaign, dimension, key, period, {string.Join(", ", names)}, last_seq, updated_at)
            select c, d, k, p, {string.Join(", ", v)}, s, now()
            from unnest(?::text[], ?::text[], ?::text[], ?::int[], {string.Join(", ", v.Select(_ => "?::bigint[]"))}, ?::bigint[])
              as t(c, d, k, p, {string.Join(", ", v)}, s)
            on conflict (campaign, dimension, key) do update set {string.Join(", ", names.Select(c => $"{c} = a.{c} + excluded.{c}"))},
              last_seq = greatest(a.last_seq, excluded.last_seq), updated_at = now()
            """,
            [
                keys.Select(k => k.Campaign).ToArray(), keys.Select(k => k.Dimension).ToArray(), keys.Select(k => k.Key).ToArray(),
                values.Select(x => x.Period).ToArray(),
                Col(x => x.N1), Col(x => x.N2), Col(x => x.N3), Col(x => x.N4), Col(x => x.N5), Col(x => x.Hard),
                Col(x => x.Respondents), Col(x => x.Complained), Col(x => x.ComplaintSatisfied), Col(x => x.InformalYes),
                Col(x => x.InformalAsked), Col(x => x.ConnectionsYes), Col(x => x.ConnectionsAsked), Col(x => x.ExtraDocsYes),
                Col(x => x.ExtraDocsAsked), Col(x => x.QueueSubmitSum), Col(x => x.QueueSubmitCount), Col(x => x.LastSeq),
            ]);
    }
}

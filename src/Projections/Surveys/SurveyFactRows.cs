using JasperFx.Events;
using Marten;
using Monitoring.Domain.Surveys;

namespace Monitoring.Projections.Surveys;

/// <summary>One batch of fact rows: each table is written with a single INSERT … SELECT unnest(…) generated from its columns.</summary>
internal sealed class FactBatch
{
    private readonly List<FactRow> _facts = [], _criteria = [];
    private readonly Dictionary<(string Campaign, string Body, long Seq), BodyEventRow> _bodyEvents = [];

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

    public void Queue(IDocumentOperations operations, string schema)
    {
        if (_facts.Count > 0) SurveySchema.QueueInsert(operations, schema, SurveySchema.Facts, SurveySchema.FactColumns, _facts);
        if (_bodyEvents.Count > 0)
            SurveySchema.QueueInsert(operations, schema, SurveySchema.BodyEvents, SurveySchema.BodyEventColumns, _bodyEvents.Values.ToList());
        if (_criteria.Count > 0) SurveySchema.QueueInsert(operations, schema, SurveySchema.CriterionFacts, SurveySchema.CriterionFactColumns, _criteria);
    }
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
        Dictionary<(string Campaign, Dimension Dimension, GroupKey Key), AggregateDelta> rows)
    {
        var keys = rows.Keys.ToArray();
        var values = keys.Select(k => rows[k]).ToArray();
        long[] Col(Func<AggregateDelta, long> f) => values.Select(f).ToArray();
        var names = SurveySchema.CountNames.Concat(SurveySchema.AggregateCounters).ToArray();
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
                keys.Select(k => k.Campaign).ToArray(), keys.Select(k => k.Dimension.Name).ToArray(), keys.Select(k => SurveySchema.KeyText(k.Key)).ToArray(),
                values.Select(x => x.Period).ToArray(),
                Col(x => x.N1), Col(x => x.N2), Col(x => x.N3), Col(x => x.N4), Col(x => x.N5), Col(x => x.Hard),
                Col(x => x.Respondents), Col(x => x.Complained), Col(x => x.ComplaintSatisfied), Col(x => x.InformalYes),
                Col(x => x.InformalAsked), Col(x => x.ConnectionsYes), Col(x => x.ConnectionsAsked), Col(x => x.ExtraDocsYes),
                Col(x => x.ExtraDocsAsked), Col(x => x.QueueSubmitSum), Col(x => x.QueueSubmitCount), Col(x => x.LastSeq),
            ]);
    }
}

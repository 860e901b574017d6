using Marten.Events.Projections;

namespace Monitoring.Projections.Surveys;

/// <summary>
/// Survey events into the flat fact tables and the pooled aggregates, one statement per table per batch (arrays unnested
/// server-side). Single answers and published distributions are projected asynchronously by this projection; a batch of
/// imported answers is written by its import, in the transaction that appends it (<see cref="QueueImported"/>), so a
/// million imported answers are in the read models when the import returns. Replaying events changes nothing: the
/// sequences of applied events are recorded in <c>survey_applied</c> in the same transaction, and events found there
/// are skipped. Writers of the aggregates take their rows in key order (<see cref="PooledCounts.Queue"/>). Built by the
/// host's container (<see cref="SurveysStore.ConfigureSurveyFacts"/>): it pauses for the bulk imports of its own node.
/// </summary>
public sealed class SurveyFactsProjection(ReadModelDatabase db, IBulkImportGate importGate) : IProjection
{
    public const string Name = "SurveyFacts";

    /// <summary>
    /// How far this projection has got in <paramref name="database"/> (the primary, or a standby replaying it): the highest
    /// sequence its shards have applied, by Marten's own progress records.
    /// </summary>
    public static async Task<long> ProgressAsync(Marten.Storage.IMartenDatabase database, CancellationToken ct) =>
        (await database.AllProjectionProgress(ct))
            .Where(s => s.ShardName.StartsWith(Name + ":", StringComparison.Ordinal))
            .Select(s => s.Sequence).DefaultIfEmpty(0).Max();
    private readonly string _schema = db.Schema;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await importGate.WhenIdleAsync(cancellation);
        await ApplyAsync(operations, _schema, events, cancellation);
    }

    /// <summary>
    /// Queues what <paramref name="events"/> (answers, imported batches, published distributions) write, skipping those
    /// already applied: the projection's batches, and the start-up catch-up of imported batches whose rows an earlier
    /// version left to the projection (<c>SurveyImportFactsCatchUp</c>).
    /// </summary>
    public static async Task ApplyAsync(IDocumentOperations operations, string schema, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var batch = new FactBatch();

        // Events already applied (a replay, a rebuild over existing tables) are skipped, so nothing counts twice.
        var sequences = events.Select(e => e.Sequence).ToArray();
        var applied = (await operations.AdvancedSql.QueryAsync<long>(
            $"select seq from {schema}.{SurveySchema.Applied} where seq = any(?)", cancellation, sequences)).ToHashSet();
        var fresh = new List<long>(events.Count);

        foreach (var e in events)
        {
            if (!applied.Add(e.Sequence)) continue;
            fresh.Add(e.Sequence);
            switch (e.Data)
            {
                case SurveyResponseRecorded r:
                    AddResponse(e, 0, r, batch);
                    break;
                case SurveyResponsesImported imported:
                    AddImported(e, imported, batch);
                    break;
                case PublishedDistributionImported d:
                    AddPublished(e, d, batch);
                    break;
            }
        }

        batch.Queue(operations, schema);
        if (fresh.Count > 0)
            operations.QueueSqlCommand($"insert into {schema}.{SurveySchema.Applied} (seq) select unnest(?::bigint[])", fresh.ToArray());
    }

    /// <summary>
    /// Queues, in the session that appends <paramref name="e"/> (a batch of imported answers, the first and only event of a
    /// stream of its own, not numbered yet), the batch's fact rows, body rows, aggregate increments and its applied mark.
    /// An import's read models are thus written with it, in its transaction: current the moment it commits, and never
    /// counted twice or missed, whatever fails when. The projection does not take these events (<see cref="Takes"/>).
    /// </summary>
    /// <param name="lane">The aggregate lane the batch holds for its transaction (<see cref="AggregateLanes"/>).</param>
    public static void QueueImported(IDocumentOperations operations, string schema, IEvent e, SurveyResponsesImported imported, short lane)
    {
        var batch = new FactBatch();
        AddImported(e, imported, batch);
        var appended = new AppendedEvent(schema, e.StreamKey!);
        batch.Queue(operations, schema, appended, lane);
        operations.QueueSqlCommand($"{appended.With}insert into {schema}.{SurveySchema.Applied} (seq) select {AppendedEvent.Column("seq_id")}",
            appended.StreamKey);
    }

    /// <summary>
    /// The events the projection takes: single answers and published distributions. Imported batches are written by their
    /// import (<see cref="QueueImported"/>), so the daemon neither reads nor deserialises them.
    /// </summary>
    public static readonly Type[] Takes = [typeof(SurveyResponseRecorded), typeof(PublishedDistributionImported)];

    private static void AddImported(IEvent e, SurveyResponsesImported imported, FactBatch batch)
    {
        for (var i = 0; i < imported.Answers.Count; i++)
            AddResponse(e, i + 1, imported.Recorded(imported.Answers[i]), batch);
    }

    public static string ChannelKey(IReadOnlyList<Channel> channels) =>
        string.Join('+', channels.Distinct().OrderBy(c => c).Select(c => c.ToString()));

    private static void AddResponse(IEvent e, int item, SurveyResponseRecorded r, FactBatch batch)
    {
        var channels = ChannelKey(r.Channels);
        var overall = ScoreDistribution.Of(r.Overall);
        batch.Add(new FactRow(e, item, "all", r.CampaignCode, r.Period, r.ServiceCode, r.BodyCode, r.UnitCode, r.RegionCode, channels, overall, r));

        batch.Pool(r.CampaignCode, PooledCounts.ForResponse(overall, r, e.Sequence),
            new Coordinates(r.ServiceCode, r.BodyCode, r.RegionCode, channels));
        foreach (var (criterion, score) in r.CriterionScores)
            batch.Pool(r.CampaignCode, PooledCounts.ForDistribution(ScoreDistribution.Of(score), e.Sequence, r.Period),
                new Coordinates(r.ServiceCode, r.BodyCode, r.RegionCode, Criterion: criterion), Axis.Criterion);
    }

    private static void AddPublished(IEvent e, PublishedDistributionImported d, FactBatch batch)
    {
        var distribution = ScoreDistribution.FromCounts(d.Counts, d.HardToAnswer);
        var overall = new FactRow(e, 0, "overall", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, null, null, distribution);
        var whole = new Coordinates(d.ServiceCode, d.BodyCode);
        var value = d.Split.Value;
        var (fact, at, split) = d.Split.Kind switch
        {
            SplitKind.Overall => (overall, whole, (Axis?)null),
            SplitKind.Channel => (overall with { Scope = "channel", Channels = value }, whole with { Channel = value }, Axis.Channel),
            SplitKind.Region => (overall with { Scope = "region", Region = value }, whole with { Region = value }, Axis.Region),
            SplitKind.Criterion => (overall with { Scope = "criterion", Criterion = value }, whole with { Criterion = value },
                Axis.Criterion),
            _ => (null, whole, null),
        };
        if (fact is null) return;
        batch.Add(fact);
        batch.Pool(d.CampaignCode, PooledCounts.ForDistribution(distribution, e.Sequence, d.Period), at, split);
    }
}

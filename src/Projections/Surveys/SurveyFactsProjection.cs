using System.Runtime.InteropServices;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Surveys;

/// <summary>
/// Asynchronous projection of survey events into the flat fact tables and the pooled aggregates. One statement per
/// table per batch (arrays unnested server-side), so a million responses project in seconds, and the aggregates are
/// incremented by one writer (this shard) only, so imports never contend on them. Replaying events changes nothing:
/// the sequences of applied events are recorded in <c>survey_applied</c> in the same transaction, and events found
/// there are skipped. Built by the host's container (<see cref="SurveysStore.ConfigureSurveyFacts"/>): it pauses
/// for the bulk imports of its own node.
/// </summary>
public sealed class SurveyFactsProjection(ReadModelDatabase db, IBulkImportGate importGate) : IProjection
{
    public const string Name = "SurveyFacts";
    private readonly string _schema = db.Schema;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await importGate.WhenIdleAsync(cancellation);
        var facts = new FactBatch();
        var aggregates = new Dictionary<(string Campaign, Dimension Dimension, GroupKey Key), PooledCounts>();

        // Events already applied (a replay, a rebuild over existing tables) are skipped, so nothing counts twice.
        var sequences = events.Select(e => e.Sequence).ToArray();
        var applied = (await operations.AdvancedSql.QueryAsync<long>(
            $"select seq from {_schema}.{SurveySchema.Applied} where seq = any(?)", cancellation, sequences)).ToHashSet();
        var fresh = new List<long>(events.Count);

        foreach (var e in events)
        {
            if (!applied.Add(e.Sequence)) continue;
            fresh.Add(e.Sequence);
            switch (e.Data)
            {
                case SurveyResponseRecorded r:
                    AddResponse(e, 0, r, facts, aggregates);
                    break;
                case SurveyResponsesImported batch:
                    for (var i = 0; i < batch.Answers.Count; i++)
                        AddResponse(e, i + 1, batch.Recorded(batch.Answers[i]), facts, aggregates);
                    break;
                case PublishedDistributionImported d:
                    AddPublished(e, d, facts, aggregates);
                    break;
            }
        }

        facts.Queue(operations, _schema);
        if (aggregates.Count > 0) PooledCounts.Queue(operations, _schema, aggregates);
        if (fresh.Count > 0)
            operations.QueueSqlCommand($"insert into {_schema}.{SurveySchema.Applied} (seq) select unnest(?::bigint[])", fresh.ToArray());
    }

    public static string ChannelKey(IReadOnlyList<Channel> channels) =>
        string.Join('+', channels.Distinct().OrderBy(c => c).Select(c => c.ToString()));

    private static void AddResponse(IEvent e, int item, SurveyResponseRecorded r, FactBatch facts,
        Dictionary<(string, Dimension, GroupKey), PooledCounts> aggregates)
    {
        var channels = ChannelKey(r.Channels);
        var overall = ScoreDistribution.Of(r.Overall);
        facts.Add(new FactRow(e, item, "all", r.CampaignCode, r.Period, r.ServiceCode, r.BodyCode, r.UnitCode, r.RegionCode, channels, overall, r));

        var delta = PooledCounts.ForResponse(overall, r, e.Sequence);
        foreach (var (view, key) in Dimension.PoolsOf(new Coordinates(r.ServiceCode, r.BodyCode, r.RegionCode, channels)))
            Accumulate(aggregates, r.CampaignCode, view, key, delta);

        foreach (var (criterion, score) in r.CriterionScores)
        {
            var c = PooledCounts.ForDistribution(ScoreDistribution.Of(score), e.Sequence, r.Period);
            foreach (var (view, key) in Dimension.PoolsOf(new Coordinates(r.ServiceCode, r.BodyCode, Criterion: criterion.ToString()), Axis.Criterion))
                Accumulate(aggregates, r.CampaignCode, view, key, c);
        }
    }

    private static void AddPublished(IEvent e, PublishedDistributionImported d, FactBatch facts,
        Dictionary<(string, Dimension, GroupKey), PooledCounts> aggregates)
    {
        var distribution = ScoreDistribution.FromCounts(d.Counts, d.HardToAnswer);
        var fact = new FactRow(e, 0, "overall", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, null, null, distribution);
        var at = new Coordinates(d.ServiceCode, d.BodyCode);
        Axis? split = null;
        switch (d.Split.Kind)
        {
            case SplitKind.Channel:
                (fact, at, split) = (fact with { Scope = "channel", Channels = d.Split.Value }, at with { Channel = d.Split.Value }, Axis.Channel);
                break;
            case SplitKind.Region:
                (fact, at, split) = (fact with { Scope = "region", Region = d.Split.Value }, at with { Region = d.Split.Value }, Axis.Region);
                break;
            case SplitKind.Criterion:
                (fact, at, split) = (fact with { Scope = "criterion", Criterion = Enum.Parse<Criterion>(d.Split.Value!) },
                    at with { Criterion = d.Split.Value }, Axis.Criterion);
                break;
            case not SplitKind.Overall:
                return;
        }
        facts.Add(fact);
        var delta = PooledCounts.ForDistribution(distribution, e.Sequence, d.Period);
        foreach (var (view, key) in Dimension.PoolsOf(at, split)) Accumulate(aggregates, d.CampaignCode, view, key, delta);
    }

    private static void Accumulate(Dictionary<(string, Dimension, GroupKey), PooledCounts> aggregates, string campaign, Dimension dimension,
        GroupKey key, PooledCounts delta)
    {
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(aggregates, (campaign, dimension, key), out var exists);
        if (exists) row!.Add(delta);
        else row = delta.Copy();
    }
}

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
/// there are skipped. Built by the host's container (<see cref="MonitoringStore.ConfigureSurveyFacts"/>): it pauses
/// for the bulk imports of its own node.
/// </summary>
public sealed class SurveyFactsProjection(ReadModelDatabase db, IBulkImportGate importGate) : IProjection
{
    public const string Name = "SurveyFacts";
    private readonly string _schema = db.Schema;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await importGate.WhenIdleAsync(cancellation);
        var facts = new FactRows();
        var criteria = new CriterionRows();
        var aggregates = new Dictionary<(string Campaign, string Dimension, string Key), AggregateDelta>();

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
                    AddPublished(e, d, facts, criteria, aggregates);
                    break;
            }
        }

        if (facts.Count > 0) facts.Queue(operations, _schema);
        if (criteria.Count > 0) criteria.Queue(operations, _schema);
        if (aggregates.Count > 0) AggregateDelta.Queue(operations, _schema, aggregates);
        if (fresh.Count > 0)
            operations.QueueSqlCommand($"insert into {_schema}.{SurveySchema.Applied} (seq) select unnest(?::bigint[])", fresh.ToArray());
    }

    public static string ChannelKey(IReadOnlyList<Channel> channels) =>
        string.Join('+', channels.Distinct().OrderBy(c => c).Select(c => c.ToString()));

    private static void AddResponse(IEvent e, int item, SurveyResponseRecorded r, FactRows facts,
        Dictionary<(string, string, string), AggregateDelta> aggregates)
    {
        var channels = ChannelKey(r.Channels);
        var overall = ScoreDistribution.Of(r.Overall);
        facts.Add(e, item, "all", r.CampaignCode, r.Period, r.ServiceCode, r.BodyCode, r.UnitCode, r.RegionCode, channels, overall, r);

        var delta = AggregateDelta.ForResponse(overall, r, e.Sequence);
        foreach (var (dimension, key) in ResponseDimensions(r.ServiceCode, r.BodyCode, r.RegionCode, channels))
            Accumulate(aggregates, r.CampaignCode, r.Period, dimension, key, delta);

        foreach (var (criterion, score) in r.CriterionScores)
        {
            var c = AggregateDelta.ForDistribution(ScoreDistribution.Of(score), e.Sequence);
            var name = criterion.ToString();
            Accumulate(aggregates, r.CampaignCode, r.Period, "criterion", name, c);
            Accumulate(aggregates, r.CampaignCode, r.Period, "service|criterion", $"{r.ServiceCode}|{name}", c);
            Accumulate(aggregates, r.CampaignCode, r.Period, "body|criterion", $"{r.BodyCode}|{name}", c);
        }
    }

    private static void AddPublished(IEvent e, PublishedDistributionImported d, FactRows facts, CriterionRows criteria,
        Dictionary<(string, string, string), AggregateDelta> aggregates)
    {
        var distribution = ScoreDistribution.FromCounts(d.Counts, d.HardToAnswer);
        var delta = AggregateDelta.ForDistribution(distribution, e.Sequence);
        switch (d.Split.Kind)
        {
            case SplitKind.Overall:
                facts.Add(e, 0, "overall", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, null, null, distribution, null);
                Accumulate(aggregates, d.CampaignCode, d.Period, "total", "", delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "service", d.ServiceCode, delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "body", d.BodyCode, delta);
                break;
            case SplitKind.Channel:
                facts.Add(e, 0, "channel", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, null, d.Split.Value, distribution, null);
                Accumulate(aggregates, d.CampaignCode, d.Period, "channel", d.Split.Value!, delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "service|channel", $"{d.ServiceCode}|{d.Split.Value}", delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "body|channel", $"{d.BodyCode}|{d.Split.Value}", delta);
                break;
            case SplitKind.Region:
                facts.Add(e, 0, "region", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, d.Split.Value, null, distribution, null);
                Accumulate(aggregates, d.CampaignCode, d.Period, "region", d.Split.Value!, delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "service|region", $"{d.ServiceCode}|{d.Split.Value}", delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "body|region", $"{d.BodyCode}|{d.Split.Value}", delta);
                break;
            case SplitKind.Criterion:
                var criterion = Enum.Parse<Criterion>(d.Split.Value!);
                criteria.Add(e, criterion, "criterion", d.CampaignCode, d.Period, d.ServiceCode, d.BodyCode, null, null, distribution);
                Accumulate(aggregates, d.CampaignCode, d.Period, "criterion", d.Split.Value!, delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "service|criterion", $"{d.ServiceCode}|{d.Split.Value}", delta);
                Accumulate(aggregates, d.CampaignCode, d.Period, "body|criterion", $"{d.BodyCode}|{d.Split.Value}", delta);
                break;
        }
    }

    /// <summary>The precomputed views a response counts in.</summary>
    public static IEnumerable<(string Dimension, string Key)> ResponseDimensions(string service, string body, string region, string channels)
    {
        yield return ("total", "");
        yield return ("service", service);
        yield return ("body", body);
        yield return ("region", region);
        yield return ("channel", channels);
        yield return ("service|channel", $"{service}|{channels}");
        yield return ("service|region", $"{service}|{region}");
        yield return ("body|region", $"{body}|{region}");
        yield return ("body|channel", $"{body}|{channels}");
    }

    private static void Accumulate(Dictionary<(string, string, string), AggregateDelta> aggregates, string campaign, int period,
        string dimension, string key, AggregateDelta delta)
    {
        var id = (campaign, dimension, key);
        if (aggregates.TryGetValue(id, out var existing)) existing.Add(delta);
        else
        {
            var copy = delta.Copy();
            copy.Period = period;
            aggregates[id] = copy;
        }
    }
}

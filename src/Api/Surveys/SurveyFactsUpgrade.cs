using Npgsql;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Brings the survey read models of a database written before questionnaires were data up to date, once, so its answers
/// keep their meaning without replaying the events: the criterion scores move from the nine per-criterion columns of the
/// Kazakh questionnaire (<c>c_trust</c> …, still there, no longer written) into the <c>scores</c> object under the same
/// codes; the counters added since (who was asked about complaints and their outcome, minutes queued to collect, the
/// sums of squares of the minutes queued) are
/// counted from the facts for every view of respondent-level figures; and the region × criterion view is pooled from
/// the facts. All in one transaction, run only while some fact still has its scores in the old columns alone.
/// </summary>
public sealed class SurveyFactsUpgrade(ReadModelDatabase db, IHostApplicationLifetime lifetime, ILogger<SurveyFactsUpgrade> logger)
    : AfterStartService(lifetime, logger, LogLevel.Warning, "The survey facts of an earlier layout were not upgraded by this node")
{
    protected override Task RunAsync(CancellationToken ct) => UpgradeAsync(ct);

    /// <summary>Runs the upgrade; returns the facts whose scores moved (0: nothing to do).</summary>
    public async Task<int> UpgradeAsync(CancellationToken ct)
    {
        var s = db.Schema;
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var old = new List<(string Code, string Column)>();
        await using (var columns = new NpgsqlCommand(
                         "select column_name from information_schema.columns where table_schema = $1 and table_name = $2", conn))
        {
            columns.Parameters.Add(new NpgsqlParameter { Value = s });
            columns.Parameters.Add(new NpgsqlParameter { Value = SurveySchema.Facts });
            await using var reader = await columns.ExecuteReaderAsync(ct);
            var present = new HashSet<string>();
            while (await reader.ReadAsync(ct)) present.Add(reader.GetString(0));
            old.AddRange(Instruments.KzNational.Codes.Select(code => (code, "c_" + CriterionCodes.Column(code))).Where(c => present.Contains(c.Item2)));
        }
        if (old.Count == 0) return 0; // a database born with this layout

        await using var tx = await conn.BeginTransactionAsync(ct);
        async Task<int> Run(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 1800 };
            return await cmd.ExecuteNonQueryAsync(ct);
        }
        var anyOld = string.Join(" or ", old.Select(c => $"{c.Column} is not null"));
        var moved = await Run($"""
            update {s}.{SurveySchema.Facts}
            set {SurveySchema.Scores} = jsonb_strip_nulls(jsonb_build_object({string.Join(", ", old.Select(c => $"'{c.Code}', {c.Column}"))}))
            where {SurveySchema.Scores} is null and ({anyOld})
            """);
        if (moved == 0) return 0;
        // The projection of new answers waits here (its batch upserts the aggregates): the counts below see every fact whose
        // increments are already in, and a batch in flight adds its own after this commits.
        await Run($"lock table {s}.{SurveySchema.Aggregates} in share row exclusive mode");

        // The views a respondent's own answers pool into (every view but the criterion ones), keyed as the projection keys them.
        foreach (var view in Dimension.All.Where(d => !d.Axes.Contains(Axis.Criterion)))
        {
            var key = view.Axes.Count == 0 ? "''" : string.Join(" || '|' || ", view.Axes.Select(Column));
            // A key's counts may be striped over lanes (AggregateLanes): the whole key's counts go on its lowest lane, none on the others.
            await Run($"""
                update {s}.{SurveySchema.Aggregates} set complaint_asked = 0, complaint_outcome_asked = 0, queue_collect_sum = 0,
                    queue_collect_count = 0, queue_submit_squares = 0, queue_collect_squares = 0
                where dimension = '{view.Name}'
                """);
            await Run($"""
                update {s}.{SurveySchema.Aggregates} a
                set complaint_asked = f.complaint_asked, complaint_outcome_asked = f.outcome_asked,
                    queue_collect_sum = f.collect_sum, queue_collect_count = f.collect_count,
                    queue_submit_squares = f.submit_squares, queue_collect_squares = f.collect_squares
                from (select campaign, {key} as key, count(complaint) as complaint_asked, count(complaint_satisfied) as outcome_asked,
                             coalesce(sum(queue_collect), 0) as collect_sum, count(queue_collect) as collect_count,
                             coalesce(sum(queue_submit::bigint * queue_submit), 0) as submit_squares,
                             coalesce(sum(queue_collect::bigint * queue_collect), 0) as collect_squares
                      from {s}.{SurveySchema.Facts} where scope = 'all' group by 1, 2) f
                where a.campaign = f.campaign and a.dimension = '{view.Name}' and a.key = f.key
                  and a.lane = (select min(b.lane) from {s}.{SurveySchema.Aggregates} b
                                where b.campaign = a.campaign and b.dimension = a.dimension and b.key = a.key)
                """);
        }
        // The region × criterion view counted whole from the facts (under the lock, rows written meanwhile on any lane give way).
        await Run($"delete from {s}.{SurveySchema.Aggregates} where dimension = '{Dimension.RegionCriterion.Name}'");
        await Run($"""
            insert into {s}.{SurveySchema.Aggregates} (campaign, dimension, key, period, n1, n2, n3, n4, n5, hard, respondents, last_seq, updated_at)
            select campaign, '{Dimension.RegionCriterion.Name}', region || '|' || k, min(period),
                   count(*) filter (where v = 1), count(*) filter (where v = 2), count(*) filter (where v = 3), count(*) filter (where v = 4),
                   count(*) filter (where v = 5), count(*) filter (where v = 0), count(*), max(seq), now()
            from {s}.{SurveySchema.Facts}, jsonb_each_text({SurveySchema.Scores}) as x(k, t), lateral (select t::int as v) as score
            where scope = 'all' and region is not null
            group by campaign, region, k
            """);
        await tx.CommitAsync(ct);
        logger.LogInformation("Upgraded {Rows} survey facts of an earlier layout: criterion scores, counters asked, region × criterion view", moved);
        return moved;
    }

    private static string Column(Axis axis) => axis switch
    {
        Axis.Service => "service", Axis.Body => "body", Axis.Region => "region", _ => "channels",
    };
}

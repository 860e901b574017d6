using JasperFx.Events;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Fills <c>survey_body_events</c> once from the fact table on a database whose facts predate it (the projection keeps
/// it from then on), and the event type of rows written before that column existed. Idempotent: the rows run only while
/// the table is empty, the types only where missing, and rows the projection already wrote are kept.
/// </summary>
public sealed class SurveyBodyEventsBackfill(ReadModelDatabase db, IHostApplicationLifetime lifetime, ILogger<SurveyBodyEventsBackfill> logger)
    : AfterStartService(lifetime, logger, LogLevel.Warning, $"{SurveySchema.BodyEvents} was not filled from the survey facts by this node")
{
    /// <summary>
    /// The recording event's type from the shape the projection gives its facts: a published distribution is an
    /// <c>overall</c> row, an imported batch numbers its answers from 1, a single answer is item 0.
    /// </summary>
    private static readonly string EventType = $"""
        case when bool_or(scope = 'overall') then '{typeof(PublishedDistributionImported).GetEventTypeName()}'
             when max(item) > 0 then '{typeof(SurveyResponsesImported).GetEventTypeName()}'
             else '{typeof(SurveyResponseRecorded).GetEventTypeName()}' end
        """;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        async Task<int> RunLongAsync(string sql)
        {
            await using var cmd = db.DataSource.CreateCommand(sql);
            cmd.CommandTimeout = 600;
            return await cmd.ExecuteNonQueryAsync(stoppingToken);
        }

        var rows = await RunLongAsync($"""
            insert into {db.Schema}.{SurveySchema.BodyEvents} (campaign, body, seq, period, stream_key, version, raters, top_box, positive, source, recorded_at, recorded_by, event_type)
            select campaign, body, seq, min(period), min(stream_key), min(version), sum(n1 + n2 + n3 + n4 + n5), sum(n5), sum(n4 + n5), min(source), min(recorded_at), min(recorded_by),
                   {EventType}
            from {db.Schema}.{SurveySchema.Facts}
            where scope in ('all', 'overall') and not exists (select 1 from {db.Schema}.{SurveySchema.BodyEvents})
            group by campaign, body, seq
            on conflict (campaign, body, seq) do nothing
            """);
        if (rows > 0) logger.LogInformation("Filled {Rows} rows of {Table} from the survey facts", rows, SurveySchema.BodyEvents);

        var typed = await RunLongAsync($"""
            update {db.Schema}.{SurveySchema.BodyEvents} b set event_type = f.event_type
            from (select seq, {EventType} as event_type from {db.Schema}.{SurveySchema.Facts}
                  where scope in ('all', 'overall') and seq in (select seq from {db.Schema}.{SurveySchema.BodyEvents} where event_type is null)
                  group by seq) f
            where b.seq = f.seq and b.event_type is null
            """);
        if (typed > 0) logger.LogInformation("Filled the event type of {Rows} rows of {Table} from the survey facts", typed, SurveySchema.BodyEvents);
    }
}

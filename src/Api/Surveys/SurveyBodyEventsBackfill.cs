using Monitoring.Api.Common;
using Monitoring.Projections.Common;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Fills <c>survey_body_events</c> once from the fact table on a database whose facts predate it (the projection keeps
/// it from then on). Idempotent: it runs only while the table is empty, and rows the projection already wrote are kept.
/// </summary>
public sealed class SurveyBodyEventsBackfill(ReadModelDatabase db, IHostApplicationLifetime lifetime, ILogger<SurveyBodyEventsBackfill> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        try
        {
            await using var cmd = db.DataSource.CreateCommand($"""
                insert into {db.Schema}.{SurveySchema.BodyEvents} (campaign, body, seq, period, stream_key, version, raters, top_box, positive, source, recorded_at, recorded_by)
                select campaign, body, seq, min(period), min(stream_key), min(version), sum(n1 + n2 + n3 + n4 + n5), sum(n5), sum(n4 + n5), min(source), min(recorded_at), min(recorded_by)
                from {db.Schema}.{SurveySchema.Facts}
                where scope in ('all', 'overall') and not exists (select 1 from {db.Schema}.{SurveySchema.BodyEvents})
                group by campaign, body, seq
                on conflict (campaign, body, seq) do nothing
                """);
            cmd.CommandTimeout = 600;
            var rows = await cmd.ExecuteNonQueryAsync(stoppingToken);
            if (rows > 0) logger.LogInformation("Filled {Rows} rows of {Table} from the survey facts", rows, SurveySchema.BodyEvents);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Table} was not filled from the survey facts by this node", SurveySchema.BodyEvents);
        }
    }
}

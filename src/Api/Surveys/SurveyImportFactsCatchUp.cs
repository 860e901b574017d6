using JasperFx.Events;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Writes the read models of imported batches that no one has written yet. An import writes them itself, in the
/// transaction that appends the batch (<see cref="SurveyFactsProjection.QueueImported"/>); a database written by an
/// earlier version, where the projection took imported batches, can hold batches it had not reached when that version
/// stopped, and this version's projection no longer takes them. They are found by their sequence missing from
/// <c>survey_applied</c>, and written as the projection would have, each group in one transaction with its applied mark.
/// One node at a time (a PostgreSQL advisory lock): two nodes starting together never add a batch's counts twice.
/// </summary>
public sealed class SurveyImportFactsCatchUp(IDocumentStore store, ReadModelDatabase db, IHostApplicationLifetime lifetime,
    ILogger<SurveyImportFactsCatchUp> logger)
    : AfterStartService(lifetime, logger, LogLevel.Warning, "Imported survey batches left unprojected by an earlier version were not caught up by this node")
{
    /// <summary>The advisory lock's key: "survey-import-catch-up", so no other lock of this database shares it.</summary>
    private const long LockKey = 0x5375_7276_4361_7463;
    private const int Group = 25;

    protected override async Task RunAsync(CancellationToken ct)
    {
        var written = await CatchUpAsync(ct);
        if (written > 0) logger.LogInformation("Wrote the read models of {Count} imported survey batches left unprojected", written);
    }

    /// <summary>Writes what is missing; returns how many batches it wrote (0 when another node holds the lock).</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await using var lockConnection = await db.DataSource.OpenConnectionAsync(ct);
        await using (var take = new Npgsql.NpgsqlCommand("select pg_try_advisory_lock($1)", lockConnection))
        {
            take.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LockKey });
            if (await take.ExecuteScalarAsync(ct) is not true) return 0;
        }
        try
        {
            return await CatchUpLockedAsync(ct);
        }
        finally
        {
            // Released here: a pooled connection is not reset when it returns (MonitoringStore.Tuned), so the session's lock
            // would stay with it. A process that dies loses its connection, and the lock with it.
            await using var release = new Npgsql.NpgsqlCommand("select pg_advisory_unlock($1)", lockConnection);
            release.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LockKey });
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<int> CatchUpLockedAsync(CancellationToken ct)
    {
        var type = typeof(SurveyResponsesImported).GetEventTypeName();
        List<long> missing;
        await using (var query = store.QuerySession())
        {
            var all = await query.Events.QueryAllRawEvents().Where(e => e.EventTypeName == type).Select(e => e.Sequence).ToListAsync(ct);
            var applied = (await query.AdvancedSql.QueryAsync<long>(
                $"select seq from {db.Schema}.{SurveySchema.Applied} where seq = any(?)", ct, all.ToArray())).ToHashSet();
            missing = all.Where(s => !applied.Contains(s)).Order().ToList();
        }

        foreach (var group in missing.Chunk(Group))
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(group)).OrderBy(e => e.Sequence).ToListAsync(ct);
            await SurveyFactsProjection.ApplyAsync(session, db.Schema, events, ct);
            await session.SaveChangesAsync(ct);
        }
        return missing.Count;
    }
}

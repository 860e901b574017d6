using Weasel.Postgresql;

namespace Monitoring.Projections.Surveys;

/// <summary>
/// The response ids taken in each campaign (<c>survey_response_ids</c>, primary key campaign + response id). A row is
/// written in the same transaction as the event that carries the answer, whichever way it came (one answer, a file of
/// any bytes, the command line): the key makes a second recording of the same id fail in the database itself, so
/// concurrent writers cannot both count one respondent. One statement per batch or group, not one per answer.
/// </summary>
public static class ResponseIds
{
    public const string Table = "survey_response_ids";

    public static Weasel.Postgresql.Tables.Table Definition(string schema)
    {
        var table = new Weasel.Postgresql.Tables.Table(new PostgresqlObjectName(schema, Table));
        foreach (var key in new[] { "campaign", "response_id" }) table.AddColumn<string>(key).AsPrimaryKey();
        return table;
    }

    /// <summary>Which of these (campaign, id) pairs are already taken: one query.</summary>
    public static async Task<HashSet<(string Campaign, string ResponseId)>> TakenAsync(IQuerySession session,
        IReadOnlyList<(string Campaign, string ResponseId)> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select t.campaign || chr(31) || t.response_id from {Qualified(session)} t " +
            "join unnest(?::text[], ?::text[]) as k(campaign, response_id) on t.campaign = k.campaign and t.response_id = k.response_id",
            ct, ids.Select(i => i.Campaign).ToArray(), ids.Select(i => i.ResponseId).ToArray());
        return rows.Select(r => r.Split('\u001f', 2)).Select(p => (p[0], p[1])).ToHashSet();
    }

    /// <summary>Whether any of a campaign's ids is taken: one query for a whole file, so a new file skips the per-batch lookups.</summary>
    public static async Task<bool> AnyTakenAsync(IQuerySession session, string campaign, string[] ids, CancellationToken ct)
    {
        if (ids.Length == 0) return false;
        return (await session.AdvancedSql.QueryAsync<bool>(
            $"select exists (select 1 from {Qualified(session)} where campaign = ? and response_id = any(?))", ct, campaign, ids)).Single();
    }

    /// <summary>Takes the ids in the session's transaction (committed with the events that carry the answers).</summary>
    public static void Take(IDocumentSession session, IReadOnlyList<(string Campaign, string ResponseId)> ids)
    {
        if (ids.Count == 0) return;
        session.QueueSqlCommand(
            $"insert into {Qualified(session)} (campaign, response_id) select * from unnest(?::text[], ?::text[])",
            ids.Select(i => i.Campaign).ToArray(), ids.Select(i => i.ResponseId).ToArray());
    }

    private static string Qualified(IQuerySession session) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{Table}";

    /// <summary>A commit refused because an id was taken meanwhile (the primary key of <see cref="Table"/>).</summary>
    public static bool IsTakenConflict(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.TableName == Table) return true;
        return false;
    }
}

namespace Monitoring.Projections.Common;

/// <summary>
/// "As of a moment" in recording time: the global sequence of the last event recorded at or before it. Every as-of
/// read (assessments, survey slices) filters its sources by this one sequence, so the cut is consistent across them.
/// </summary>
public static class EventCutOff
{
    /// <summary>That sequence, read through Marten's event query (0 when nothing was recorded by then; the last event of all without a moment).</summary>
    public static async Task<long> SequenceAsync(IQuerySession session, DateTimeOffset? asOf, CancellationToken ct)
    {
        IQueryable<IEvent> events = session.Events.QueryAllRawEvents();
        if (asOf is { } moment) events = events.Where(e => e.Timestamp <= moment);
        return await events.OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The same sequence as a SQL expression over <c>mt_events</c>, for a read that is one plain SQL statement (the survey
    /// slices; <paramref name="parameter"/> is its placeholder, such as <c>$3</c>); 0 when nothing was recorded by then,
    /// the last event of all when the parameter is null.
    /// </summary>
    public static string Sql(string schema, string parameter) =>
        $"coalesce((select seq_id from {schema}.mt_events where {parameter} is null or timestamp <= {parameter} order by seq_id desc limit 1), 0)";
}

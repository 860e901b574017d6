namespace Monitoring.Projections.Common;

/// <summary>
/// "As of a moment" in recording time: the global sequence of the last event recorded at or before it. Every as-of
/// read (assessments, survey slices) filters its sources by this one sequence, so the cut is consistent across them.
/// </summary>
public static class EventCutOff
{
    /// <summary>SQL for that sequence (0 when nothing was recorded by then; the last event of all when the parameter is null).</summary>
    public static string Sql(string schema, string parameter) =>
        $"coalesce((select seq_id from {schema}.mt_events where @{parameter} is null or timestamp <= @{parameter} order by seq_id desc limit 1), 0)";
}

using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;

namespace Monitoring.Api.Assessments;

/// <summary>
/// The events behind a figure as a table (exportable, sortable): each row's first cell links to the raw event page
/// (<c>/audit/events/{sequence}</c>); who recorded it, when (in the page's time zone), from which source.
/// </summary>
public static class EventTable
{
    public static Table Of(string id, string caption, IEnumerable<ExplainedEvent> events, IStringLocalizer t, PageTime time)
    {
        var table = new Table(id, caption,
        [
            new Column("sequence", t["Sequence"], ColumnKind.Integer), new Column("type", t["EventType"]), new Column("recordedAt", t["RecordedAt"]),
            new Column("recordedBy", t["By"]), new Column("source", t["Source"]), new Column("businessDate", t["BusinessDate"]),
            new Column("stream", t["Stream"]), new Column("version", t["Version"], ColumnKind.Integer),
        ], id);
        foreach (var e in events)
            table.Add(Link(e.Sequence), ("sequence", e.Sequence), ("type", e.EventType), ("recordedAt", time.Show(e.RecordedAt)), ("recordedBy", e.RecordedBy),
                ("source", t.Source(e.Source)), ("businessDate", e.BusinessDate), ("stream", e.Stream), ("version", e.Version));
        return table;
    }

    /// <summary>The raw event page of an event.</summary>
    public static string Link(long sequence) => $"/audit/events/{sequence}";

    /// <summary>A table id from parts that may hold dots (indicator codes, input names).</summary>
    public static string Id(params string[] parts) => string.Join("-", parts.Select(p => new string(p.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())));
}

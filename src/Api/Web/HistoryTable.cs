using Monitoring.Projections.Common;

namespace Monitoring.Api.Web;

/// <summary>
/// The history of one entity (an inspection, a complaint) as a table: each event with when it was recorded, by whom, what
/// it was and what it said; for those who may read raw events, the event links to the audit page of its stream and version
/// (the same address as the API's <c>/api/audit/streams/{stream}/events?version=</c>, without <c>/api</c>).
/// </summary>
public static class HistoryTable
{
    public sealed record Headers(string Caption, string Number, string RecordedAt, string RecordedBy, string Event, string Details);

    public static string AuditLink(Provenance by) => $"/audit/streams/{Uri.EscapeDataString(by.StreamKey)}/events?version={by.Version}";

    public static Table Of(Headers headers, IEnumerable<HistoryEntry> history, Func<object, (string Event, string Details)> describe,
        bool linkToAudit, string fileName)
    {
        var table = new Table("history", headers.Caption,
        [
            new Column("version", headers.Number, ColumnKind.Integer),
            new Column("recordedAt", headers.RecordedAt),
            new Column("recordedBy", headers.RecordedBy),
            new Column("event", headers.Event),
            new Column("details", headers.Details, Sortable: false),
        ], fileName);
        foreach (var entry in history)
        {
            var (what, details) = describe(entry.Data);
            table.Add(linkToAudit ? AuditLink(entry.By) : null, ("version", entry.By.Version), ("recordedAt", entry.By.RecordedAt),
                ("recordedBy", entry.By.RecordedBy), ("event", what), ("details", details));
        }
        return table;
    }
}

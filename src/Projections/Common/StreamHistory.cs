namespace Monitoring.Projections.Common;

/// <summary>One event of a stream as a history line: who recorded it when (its provenance), and what it says.</summary>
public sealed record HistoryEntry(Provenance By, object Data);

/// <summary>The events of one stream in recording order, each with its provenance: an entity's history for the people
/// who work on it (the raw events with every header stay the audit endpoint's).</summary>
public static class StreamHistory
{
    /// <summary>The history of the stream of <paramref name="what"/> <paramref name="id"/>; a stream with no events is not found.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> OfAsync(IQuerySession session, string streamKey, string what, string id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(streamKey, token: ct);
        return events.Count == 0 ? throw new NotFound(what, id) : events.Select(e => new HistoryEntry(Provenance.Of(e), e.Data)).ToList();
    }
}

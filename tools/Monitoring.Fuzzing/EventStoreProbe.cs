using Marten;

namespace Monitoring.Fuzzing;

/// <summary>What the event store holds at a moment: the figures compared before and after a refused request.</summary>
/// <param name="EventCount">Events stored.</param>
/// <param name="StreamCount">Streams stored.</param>
/// <param name="HighestSequence">Highest sequence of a stored event.</param>
/// <param name="SequenceValue">Marten's sequence counter; it also moves when an append is rolled back (a gap, no event).</param>
public readonly record struct StoreState(long EventCount, long StreamCount, long HighestSequence, long SequenceValue)
{
    /// <summary>Something was stored: an event or a stream more, or a higher event.</summary>
    public bool StoredSomethingSince(StoreState before) =>
        EventCount != before.EventCount || StreamCount != before.StreamCount || HighestSequence != before.HighestSequence;
}

/// <summary>An event stored after a given point, with what tells who caused it.</summary>
public sealed record StoredEvent(long Sequence, string StreamKey, string EventType, string? CorrelationId);

public interface IEventStoreProbe
{
    Task<StoreState> ReadAsync(CancellationToken ct);
    Task<IReadOnlyList<StoredEvent>> EventsAfterAsync(long sequence, CancellationToken ct);
}

/// <summary>Reads the event store through Marten's own statistics (<c>FetchEventStoreStatistics</c>) and event queries.</summary>
public sealed class MartenEventStoreProbe(IDocumentStore store) : IEventStoreProbe
{
    public async Task<StoreState> ReadAsync(CancellationToken ct)
    {
        var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
        await using var session = store.QuerySession();
        var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(ct);
        return new StoreState(stats.EventCount, stats.StreamCount, last.Count == 0 ? 0 : last[0].Sequence, stats.EventSequenceNumber);
    }

    public async Task<IReadOnlyList<StoredEvent>> EventsAfterAsync(long sequence, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).Take(50).ToListAsync(ct);
        return events.Select(e => new StoredEvent(e.Sequence, e.StreamKey ?? e.StreamId.ToString(), e.EventTypeName, e.CorrelationId)).ToList();
    }
}

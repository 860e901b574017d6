namespace Monitoring.Projections.Common;

/// <summary>
/// Where a read-model fact came from: the stream and event that recorded it, and who recorded it when.
/// Kept on every fact so that a figure's inputs are a query away. (stream key, version) identifies the event;
/// the global sequence is only known to asynchronous projections (inline ones run before the database assigns it
/// under the quick append mode), so it may be null.
/// </summary>
public sealed record Provenance(
    string StreamKey, long Version, long? Sequence, string EventType, DateTimeOffset RecordedAt, string? RecordedBy,
    string? CorrelationId)
{
    public static Provenance Of(IEvent e) => new(
        e.StreamKey ?? e.StreamId.ToString(), e.Version, e.Sequence > 0 ? e.Sequence : null, e.EventTypeName, e.Timestamp, e.UserName,
        e.CorrelationId);
}

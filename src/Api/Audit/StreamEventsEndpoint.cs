using JasperFx.Events;

namespace Monitoring.Api.Audit;

/// <summary>
/// The raw events of one stream with who recorded each and when: what every explanation links to.
/// <c>asOf</c> limits to what had been recorded by that moment; <c>version</c> picks one event (the explanations link to it).
/// </summary>
public static class StreamEventsEndpoint
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/streams/{streamKey}/events", async (string streamKey, DateTimeOffset? asOf, long? version, IQuerySession session, CancellationToken ct) =>
                (await AuditEvents.StreamAsync(session, streamKey, asOf, version, ct)).Select(e => new RecordedEvent(
                    e.StreamKey ?? streamKey, e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId,
                    e.CausationId, e.Data)).ToList())
            .WithTags("Audit")
            .WithName("GetStreamEvents")
            .WithSummary("Every event of a stream (e.g. service:PM-001, body:MJ) with its recording metadata")
            .RequireAuthorization(Policies.Audit)
            .RejectUnknownQuery()
            .Produces<List<RecordedEvent>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>Raw events as recorded, for the audit endpoint and the raw-event page alike.</summary>
public static class AuditEvents
{
    /// <summary>A stream's events recorded by <paramref name="asOf"/>, or its one event of <paramref name="version"/>; 404 when there is none.</summary>
    public static async Task<IReadOnlyList<IEvent>> StreamAsync(IQuerySession session, string streamKey, DateTimeOffset? asOf, long? version,
        CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(streamKey, timestamp: asOf, token: ct);
        if (events.Count == 0) throw new NotFound("Stream", streamKey);
        if (version is not null && events.All(e => e.Version != version)) throw new NotFound("Event", $"{streamKey}@{version}");
        return events.Where(e => version is null || e.Version == version).ToList();
    }

    /// <summary>The event of a global sequence number (the number every explanation gives), or null.</summary>
    public static async Task<IEvent?> BySequenceAsync(IQuerySession session, long sequence, CancellationToken ct) =>
        (await session.Events.QueryAllRawEvents().Where(e => e.Sequence == sequence).Take(1).ToListAsync(ct)).FirstOrDefault();
}

public sealed record RecordedEvent(
    string StreamKey, long Version, long Sequence, string EventType, DateTimeOffset RecordedAt, string? RecordedBy,
    string? CorrelationId, string? CausationId, object Data);

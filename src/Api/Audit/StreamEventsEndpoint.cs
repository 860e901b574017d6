using Marten;
using Monitoring.Api.Auth;
using Monitoring.Domain.Common;

namespace Monitoring.Api.Audit;

/// <summary>
/// The raw events of one stream with who recorded each and when: what every explanation links to.
/// <c>asOf</c> limits to what had been recorded by that moment.
/// </summary>
public static class StreamEventsEndpoint
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/streams/{streamKey}/events", async (string streamKey, DateTimeOffset? asOf, IQuerySession session, CancellationToken ct) =>
            {
                var events = await session.Events.FetchStreamAsync(streamKey, timestamp: asOf, token: ct);
                if (events.Count == 0) throw new NotFound("Stream", streamKey);
                return events.Select(e => new RecordedEvent(
                    e.StreamKey ?? streamKey, e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId,
                    e.CausationId, e.Data)).ToList();
            })
            .WithTags("Audit")
            .WithName("GetStreamEvents")
            .WithSummary("Every event of a stream (e.g. service:PM-001, body:MJ) with its recording metadata")
            .RequireAuthorization(Policies.Audit)
            .Produces<List<RecordedEvent>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

public sealed record RecordedEvent(
    string StreamKey, long Version, long Sequence, string EventType, DateTimeOffset RecordedAt, string? RecordedBy,
    string? CorrelationId, string? CausationId, object Data);

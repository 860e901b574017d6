using JasperFx.Events;
using Marten;
using Monitoring.Domain.Common;

namespace Monitoring.Application.Common;

public static class StreamFetching
{
    /// <summary>
    /// Fetches an existing stream for writing, with optimistic concurrency when the caller states the version it saw
    /// (a stale version fails with a concurrency error, answered 409). A missing stream is <see cref="NotFound"/>.
    /// </summary>
    public static async Task<IEventStream<T>> FetchExistingAsync<T>(
        this IDocumentSession session, string key, long? expectedVersion, string what, CancellationToken ct) where T : class
    {
        IEventStream<T> stream;
        if (expectedVersion is null) stream = await session.Events.FetchForWriting<T>(key, ct);
        else
        {
            try
            {
                stream = await session.Events.FetchForWriting<T>(key, expectedVersion.Value, ct);
            }
            catch (Exception e) when (WriteConflict.IsRetryable(e))
            {
                throw new StaleExpectedVersion(key, expectedVersion.Value, e);
            }
        }
        if (stream.Aggregate is null) throw new NotFound(what, key[(key.IndexOf(':') + 1)..]);
        return stream;
    }
}

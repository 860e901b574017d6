using JasperFx.Events;
using Marten;
using Monitoring.Domain.Common;

namespace Monitoring.Application.Common;

/// <summary>
/// The one shape of a command on an event stream: fetch the state for writing, let it decide the event, append it, and
/// answer with the id acted on and the stream version after the write. Marten guards the append (a lost race is
/// retried by Wolverine's policy, see <see cref="WriteConflict"/>); the commit is Wolverine's transaction.
/// </summary>
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

    /// <summary>A change to an existing stream (<see cref="FetchExistingAsync{T}"/>): the state decides the event.</summary>
    public static async Task<CommandResult> ChangeAsync<T>(this IDocumentSession session, string key, long? expectedVersion, string what,
        string id, Func<T, object> decide, CancellationToken ct) where T : class
    {
        var stream = await session.FetchExistingAsync<T>(key, expectedVersion, what, ct);
        stream.AppendOne(decide(stream.Aggregate!));
        return new CommandResult(id, stream.CurrentVersion!.Value);
    }

    /// <summary>A stream's first event: the state found (null when the stream is new) decides it, e.g. refusing a second registration.</summary>
    public static async Task<CommandResult> StartAsync<T>(this IDocumentSession session, string key, string id, Func<T?, object> decide,
        CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(key, ct);
        stream.AppendOne(decide(stream.Aggregate));
        return new CommandResult(id, stream.CurrentVersion ?? 1);
    }
}

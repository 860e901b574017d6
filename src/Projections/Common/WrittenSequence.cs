using Marten.Services;

namespace Monitoring.Projections.Common;

/// <summary>
/// The highest event sequence the sessions committed within one flow of work (an HTTP request): a client that sends it
/// back with its next read (read-your-writes) gets an answer that reflects its write. Marten sets each appended event's
/// sequence when the append returns; <see cref="Listener"/>, a store-wide session listener, records them after the commit
/// into the box the flow set up with <see cref="Track"/> (an async-local value flows into the Wolverine handler that the
/// request invokes inline, and the box is shared, so the request sees what the handler's session committed).
/// </summary>
public static class WrittenSequence
{
    private static readonly AsyncLocal<Box?> Current = new();

    public static readonly IDocumentSessionListener Listener = new CommitListener();

    /// <summary>Starts recording for the current flow (and the work it awaits).</summary>
    public static Box Track() => Current.Value = new Box();

    public sealed class Box
    {
        private long _sequence;

        /// <summary>The highest sequence committed so far in the flow; 0 when nothing was appended.</summary>
        public long Sequence => Interlocked.Read(ref _sequence);

        internal void Saw(long sequence)
        {
            var seen = Interlocked.Read(ref _sequence);
            while (sequence > seen)
            {
                var was = Interlocked.CompareExchange(ref _sequence, sequence, seen);
                if (was == seen) return;
                seen = was;
            }
        }
    }

    private sealed class CommitListener : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (Current.Value is { } box)
                foreach (var e in commit.GetEvents())
                    box.Saw(e.Sequence);
            return Task.CompletedTask;
        }
    }
}

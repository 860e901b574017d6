namespace Monitoring.Projections.Common;

/// <summary>
/// Lets a bulk import have the node's cores while it runs: the survey projection on the same process waits (up to
/// <see cref="MaxPause"/> per batch) until no import is appending, then catches up. On a machine with few cores the
/// import and the projection otherwise halve each other's speed; the answers are in the event store either way, and
/// the read models follow right after. Process-local on purpose: a projection running on another node has its own cores.
/// </summary>
public static class BulkImportGate
{
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(60);

    private static readonly Lock Sync = new();
    private static int _active;
    private static TaskCompletionSource _idle = Completed();

    public static bool ImportRunning => Volatile.Read(ref _active) > 0;

    public static IDisposable Enter()
    {
        lock (Sync)
        {
            if (_active++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new Exit();
    }

    public static async Task WhenIdleAsync(CancellationToken ct)
    {
        Task idle;
        lock (Sync) idle = _idle.Task;
        try
        {
            await idle.WaitAsync(MaxPause, ct);
        }
        catch (TimeoutException)
        {
            // A very long import: let the projection make progress anyway.
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class Exit : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (Sync)
            {
                if (--_active == 0) _idle.TrySetResult();
            }
        }
    }
}

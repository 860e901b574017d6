namespace Monitoring.Projections.Common;

/// <summary>
/// Lets a bulk import have the node's cores while it runs: the survey projection on the same process waits (up to
/// <see cref="BulkImportGate.MaxPause"/> per batch) until no import is appending, then catches up. On a machine with few
/// cores the import and the projection otherwise halve each other's speed; the answers are in the event store either way,
/// and the read models follow right after. Process-local on purpose (one singleton per host): a projection running on
/// another node has its own cores.
/// </summary>
public interface IBulkImportGate
{
    /// <summary>Marks an import as running until the returned handle is disposed.</summary>
    IDisposable Enter();

    /// <summary>Completes when no import is running (or after the maximum pause).</summary>
    Task WhenIdleAsync(CancellationToken ct);
}

public sealed class BulkImportGate : IBulkImportGate
{
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(60);

    private readonly Lock _sync = new();
    private int _active;
    /// <summary>Completes when the imports running now have ended; null before the first import.</summary>
    private TaskCompletionSource? _running;

    public IDisposable Enter()
    {
        lock (_sync)
        {
            if (_active++ == 0) _running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new Exit(this);
    }

    public async Task WhenIdleAsync(CancellationToken ct)
    {
        Task idle;
        lock (_sync) idle = _running?.Task ?? Task.CompletedTask;
        try
        {
            await idle.WaitAsync(MaxPause, ct);
        }
        catch (TimeoutException)
        {
            // A very long import: let the projection make progress anyway.
        }
    }

    private sealed class Exit(BulkImportGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (gate._sync)
            {
                if (--gate._active == 0) gate._running!.TrySetResult();
            }
        }
    }
}

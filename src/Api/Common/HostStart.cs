namespace Monitoring.Api.Common;

public static class HostStart
{
    /// <summary>Completes once the host has started (every hosted service, Wolverine and Marten included).</summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }
}

namespace Monitoring.Api.Common;

public static class HostStart
{
    /// <summary>
    /// Stops the start when a configuration must not serve: the reason plainly on stderr first (before the exception's
    /// stack trace, so an operator sees it), then the exception that ends the process with a non-zero code.
    /// </summary>
    public static void RefuseIf(this IHostEnvironment environment, string? refusal)
    {
        if (refusal is null) return;
        Console.Error.WriteLine($"The API refuses to start (environment {environment.EnvironmentName}): {refusal}.");
        throw new InvalidOperationException($"The API refuses to start: {refusal}");
    }

    /// <summary>Completes once the host has started (every hosted service, Wolverine and Marten included).</summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }
}

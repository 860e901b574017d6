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

/// <summary>
/// Work a node does once the host has started (every hosted service, Wolverine and Marten included). A failure is
/// logged at <paramref name="failureLevel"/> with <paramref name="failure"/>, and the system runs on without it. Nodes
/// starting together race for the same work (publishing the default methodology, loading the demo data): the loser's
/// conflict is the normal case, logged at Information without a stack trace.
/// </summary>
public abstract class AfterStartService(IHostApplicationLifetime lifetime, ILogger logger, LogLevel failureLevel, string failure) : BackgroundService
{
    protected ILogger Logger => logger;

    protected abstract Task RunAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.StatusOf(e) == StatusCodes.Status409Conflict)
        {
            logger.LogInformation("{Failure}: another node did it at the same moment ({Detail})", failure,
                ProblemDetailsExceptionHandler.ProblemOf(e)?.Detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.Log(failureLevel, e, failure);
        }
    }
}

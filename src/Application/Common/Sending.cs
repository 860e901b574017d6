namespace Monitoring.Application.Common;

/// <summary>
/// Sends a command to its Wolverine handler as someone: the sender (<see cref="Actor"/>) travels in the envelope's
/// headers to the handler and to <see cref="BodyScopeMiddleware"/>, its name to the events Marten records, and the
/// correlation id with it. Validation is the handler's own middleware (<see cref="ValidationPolicy"/>).
/// </summary>
public static class Sending
{
    public static Task<CommandResult> SendAsync(this IMessageContext bus, object command, Actor actor, string? correlationId, CancellationToken ct) =>
        bus.SendAsync<CommandResult>(command, actor, correlationId, ct);

    /// <summary>Sends a command whose handler answers something richer than a <see cref="CommandResult"/> (an import's counts).</summary>
    public static Task<TResult> SendAsync<TResult>(this IMessageContext bus, object command, Actor actor, string? correlationId, CancellationToken ct)
    {
        bus.UserName = actor.UserName;
        if (correlationId is not null) bus.CorrelationId = correlationId;
        return bus.InvokeAsync<TResult>(command, actor.ToDeliveryOptions(), ct);
    }

    /// <summary>Sends as a trusted in-process caller (a job, the demo data), not limited to one body.</summary>
    public static Task<CommandResult> SendAsync(this IMessageContext bus, object command, string? userName, string? correlationId, CancellationToken ct) =>
        bus.SendAsync(command, Actor.System(userName), correlationId, ct);
}

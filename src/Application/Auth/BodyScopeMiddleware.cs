namespace Monitoring.Application.Auth;

/// <summary>
/// Wolverine middleware on every handler: reads the sender from the envelope, so a handler that must check the body
/// of something it loads (a complaint by id) simply takes an <see cref="Actor"/> parameter.
/// </summary>
public static class ActorMiddleware
{
    public static Actor Before(Envelope envelope) => ActorHeaders.ActorOf(envelope);
}

/// <summary>
/// Wolverine middleware on the handlers of <see cref="IBodyScoped"/> commands: the one place where the body a command
/// names is checked against its sender's, before the handler loads or appends anything.
/// </summary>
public static class BodyScopeMiddleware
{
    // Takes the envelope, not the message as IBodyScoped: Wolverine's code generation does not resolve a message by an
    // interface it implements. Reads the actor itself so it does not depend on the order of the middleware.
    public static void Before(Envelope envelope)
    {
        if (envelope.Message is IBodyScoped command) ActorHeaders.ActorOf(envelope).EnsureMayActFor(command.BodyCode);
        else throw new InvalidOperationException($"{nameof(BodyScopeMiddleware)} applied to {envelope.Message?.GetType().Name}, which names no body");
    }
}

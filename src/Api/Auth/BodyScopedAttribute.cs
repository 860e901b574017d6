namespace Monitoring.Api.Auth;

/// <summary>
/// Endpoint metadata: the endpoint sends <see cref="Command"/>, whose body is checked against a steward's token
/// (by <c>BodyScopeMiddleware</c> for a command naming its body, or in the handler from the loaded aggregate for one
/// acting on an entity by id). The authorisation tests find these endpoints by this metadata and require a sample
/// request for each.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BodyScopedAttribute(Type command) : Attribute
{
    public Type Command { get; } = command;
}

/// <summary>
/// Endpoint metadata for a non-GET endpoint a steward may call that concerns no body's data (e.g. a what-if
/// computation that stores nothing). Without this or <see cref="BodyScopedAttribute"/>, the authorisation tests
/// fail for any write endpoint a steward can reach.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class NotBodyScopedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

public static class BodyScopedEndpoints
{
    /// <summary>Marks an endpoint as scoped to a steward's body (see <see cref="BodyScopedAttribute"/>); it may answer 403.</summary>
    public static RouteHandlerBuilder BodyScoped(this RouteHandlerBuilder endpoint, Type command) =>
        endpoint.WithMetadata(new BodyScopedAttribute(command)).ProducesProblem(StatusCodes.Status403Forbidden);

    public static RouteHandlerBuilder NotBodyScoped(this RouteHandlerBuilder endpoint, string reason) =>
        endpoint.WithMetadata(new NotBodyScopedAttribute(reason));
}

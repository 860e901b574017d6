namespace Monitoring.Domain.Common;

/// <summary>
/// A command broke a rule of the domain that the input alone could not show (an unknown referenced body,
/// an effective date before the service existed …). The API answers 400 with <see cref="Field"/> and the reason.
/// </summary>
public sealed class DomainRuleViolation(string field, string reason) : Exception(reason)
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>The command asks for a transition the current state does not allow (e.g. retiring twice). API: 409.</summary>
public sealed class InvalidTransition(string reason) : Exception(reason);

/// <summary>The command names a stream that does not exist. API: 404.</summary>
public sealed class NotFound(string what, string id) : Exception($"{what} '{id}' was not found")
{
    public string What { get; } = what;
    public string Id { get; } = id;
}

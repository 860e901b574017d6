namespace Monitoring.Domain.Common;

/// <summary>
/// A command broke a rule of the domain that the input alone could not show (an unknown referenced body,
/// an effective date before the service existed …). The API answers 400 with <see cref="Field"/> and the reason.
/// </summary>
public sealed class DomainRuleViolation : Exception
{
    public DomainRuleViolation(string field, string reason) : this([(field, reason)]) { }

    public DomainRuleViolation(IReadOnlyList<(string Field, string Reason)> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
    {
        if (errors.Count == 0) throw new ArgumentException("at least one error", nameof(errors));
        Errors = errors;
    }

    /// <summary>Every broken rule, each with the field it concerns.</summary>
    public IReadOnlyList<(string Field, string Reason)> Errors { get; }
    public string Field => Errors[0].Field;
    public string Reason => Errors[0].Reason;
}

/// <summary>The command asks for a transition the current state does not allow (e.g. retiring twice). API: 409.</summary>
public sealed class InvalidTransition(string reason) : Exception(reason);

/// <summary>The command names a stream that does not exist. API: 404.</summary>
public sealed class NotFound(string what, string id) : Exception($"{what} '{id}' was not found")
{
    public string What { get; } = what;
    public string Id { get; } = id;
}

/// <summary>How a message quotes what a client sent: at most 40 characters, so a hostile megabyte never comes back in an answer.</summary>
public static class Quote
{
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

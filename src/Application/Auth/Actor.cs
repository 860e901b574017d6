namespace Monitoring.Application.Auth;

/// <summary>
/// Who sends a command: the user name recorded on events, their roles, the state body named in their token, and
/// whether they may act for that body only. The API makes it from the bearer token; in-process callers (jobs, demo
/// data, the default methodology) are <see cref="System"/>, which is not limited to a body.
/// </summary>
/// <param name="UserName">What events record as their author, e.g. <c>alice (steward)</c>.</param>
/// <param name="Body">The <c>body</c> claim of the token, if any.</param>
/// <param name="ActsForOwnBodyOnly">True for a state body's data steward (who is not also an admin): every command
/// that names a body, or acts on something that belongs to one, must concern <see cref="Body"/>.</param>
public sealed record Actor(string? UserName, IReadOnlyList<string> Roles, string? Body, bool ActsForOwnBodyOnly)
{
    /// <summary>A trusted in-process caller (a recurring job, the demo data, start-up publication).</summary>
    public static Actor System(string? userName) => new(userName, [], null, false);

    /// <summary>
    /// A command that carries no actor at all (sent without <c>Sending</c>): it may act for no body, so a forgotten
    /// actor fails closed rather than open.
    /// </summary>
    public static readonly Actor Unknown = new("unknown", [], null, true);

    /// <summary>Throws <see cref="BodyForbidden"/> when this actor may not act for <paramref name="bodyCode"/>.</summary>
    public void EnsureMayActFor(string? bodyCode)
    {
        if (!ActsForOwnBodyOnly) return;
        if (string.IsNullOrEmpty(Body))
            throw new BodyForbidden(BodyForbidden.NoBodyTitle,
                "A steward's token must name the body they act for (claim 'body'); this one names none");
        if (!string.Equals(Body, bodyCode, StringComparison.Ordinal))
            throw new BodyForbidden(BodyForbidden.NotYourBodyTitle,
                $"A steward acts only for the body in their token ('{Body}'); this concerns '{bodyCode}'");
    }
}

/// <summary>
/// A command that names the state body it concerns. Its body is checked against the sender's before the handler runs
/// (<see cref="BodyScopeMiddleware"/>), so a steward cannot act for another body and nothing is written when refused.
/// Commands that act on an existing entity by id check the body of the loaded aggregate in their handler instead.
/// </summary>
public interface IBodyScoped
{
    string BodyCode { get; }
}

/// <summary>The sender may not act for that body: answered 403, and nothing was written.</summary>
public sealed class BodyForbidden(string title, string detail) : Exception(detail)
{
    public const string NotYourBodyTitle = "Not your body";
    public const string NoBodyTitle = "No body in token";

    public string Title { get; } = title;
}

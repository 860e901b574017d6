namespace Monitoring.Application.Auth;

/// <summary>
/// Carries the <see cref="Actor"/> from <c>Sending</c> to the handler in the Wolverine envelope's headers, so the
/// commands themselves stay plain data a client cannot forge an actor into, and every handler sees the same actor.
/// </summary>
public static class ActorHeaders
{
    public const string UserName = "monitoring-actor-user";
    public const string Roles = "monitoring-actor-roles";
    public const string Body = "monitoring-actor-body";
    public const string OwnBodyOnly = "monitoring-actor-own-body-only";

    public static DeliveryOptions ToDeliveryOptions(this Actor actor)
    {
        var options = new DeliveryOptions();
        options.Headers[UserName] = actor.UserName;
        options.Headers[Roles] = string.Join(',', actor.Roles);
        options.Headers[Body] = actor.Body;
        options.Headers[OwnBodyOnly] = actor.ActsForOwnBodyOnly ? "true" : "false";
        return options;
    }

    /// <summary>The actor who sent the envelope's message, or <see cref="Actor.Unknown"/> when it carries none.</summary>
    public static Actor ActorOf(Envelope? envelope)
    {
        var headers = envelope?.Headers;
        if (headers is null || !headers.TryGetValue(OwnBodyOnly, out var ownBodyOnly) || ownBodyOnly is null) return Actor.Unknown;
        headers.TryGetValue(UserName, out var userName);
        headers.TryGetValue(Roles, out var roles);
        headers.TryGetValue(Body, out var body);
        return new Actor(userName, string.IsNullOrEmpty(roles) ? [] : roles.Split(','),
            string.IsNullOrEmpty(body) ? null : body, ownBodyOnly != "false");
    }
}

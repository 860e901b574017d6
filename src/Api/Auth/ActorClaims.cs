using Monitoring.Application.Auth;

namespace Monitoring.Api.Auth;

public static class ActorClaims
{
    /// <summary>The claim naming the state body a steward acts for.</summary>
    public const string Body = "body";

    /// <summary>
    /// The sender of a request's commands, from its token only (never from the request body): a steward who is not also
    /// an admin acts for the body in their token alone; every other role acts as its policy allows.
    /// </summary>
    public static Actor Actor(this HttpContext http) => http.User.ToActor(http.UserName());

    public static Actor ToActor(this ClaimsPrincipal user, string userName) => new(
        userName,
        user.FindAll("role").Select(c => c.Value).ToArray(),
        user.FindFirst(Body)?.Value,
        user.IsInRole(Roles.Steward) && !user.IsInRole(Roles.Admin));
}

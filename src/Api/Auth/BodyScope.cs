using System.Security.Claims;

namespace Monitoring.Api.Auth;

public static class BodyScope
{
    /// <summary>A steward acts for the body named in their token only; an admin for any body. Null when allowed.</summary>
    public static IResult? ForbiddenBody(this ClaimsPrincipal user, string bodyCode) =>
        user.IsInRole(Roles.Admin) || user.FindFirst("body")?.Value == bodyCode
            ? null
            : Results.Problem(statusCode: 403, title: "Not your body",
                detail: $"A steward reports only for the body in their token; '{bodyCode}' is not it");
}

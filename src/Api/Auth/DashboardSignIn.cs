using System.Text.Encodings.Web;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Monitoring.Api.Auth;

/// <summary>
/// Sign-in to the Hangfire dashboard. A browser cannot send a bearer header, and a token in the URL ends up in
/// proxy logs and browser history, so an admin pastes their bearer token once into a form; it is checked by the very
/// JwtBearer handler that guards the API (<see cref="TokenFromForm"/>), and the dashboard then runs on an HttpOnly,
/// SameSite=Strict cookie of at most one hour that is sent to <c>/hangfire</c> only.
/// The form carries an antiforgery token (ASP.NET Core's, bound to a SameSite=Strict cookie): SameSite alone would
/// leave older browsers open to a cross-site post that signs the victim in under the attacker's token.
/// </summary>
public static class DashboardSignIn
{
    public const string Path = "/auth/dashboard";
    public const string TokenField = "token";
    public static readonly TimeSpan MaxSession = TimeSpan.FromHours(1);

    /// <summary>JwtBearer hook: on <c>POST /auth/dashboard</c> the token to check is the form's, never a header.</summary>
    public static async Task TokenFromForm(MessageReceivedContext ctx)
    {
        var request = ctx.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)) return;
        // Only a form of sensible size is read; anything else carries no token.
        var token = request is { HasFormContentType: true, ContentLength: not null and <= 64 * 1024 }
            ? (await request.ReadFormAsync(ctx.HttpContext.RequestAborted))[TokenField].ToString().Trim()
            : "";
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token[7..].Trim();
        if (token.Length == 0) ctx.NoResult();
        else ctx.Token = token;
    }

    public static WebApplication MapMonitoringDashboard(this WebApplication app)
    {
        var group = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("", (HttpContext http, IAntiforgery antiforgery) => Page(http, antiforgery, null, StatusCodes.Status200OK));
        // Antiforgery is checked in the handler itself (the form is read by the bearer hook first).
        group.MapPost("", SignInAsync).DisableAntiforgery();

        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "Monitoring jobs",
        }).RequireAuthorization(AuthSetup.DashboardPolicy);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, TimeProvider clock)
    {
        // The form was issued to an anonymous visitor, while http.User is already the form token's user: check the
        // antiforgery pair as the anonymous visitor it was issued to.
        var user = http.User;
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        var formIsGenuine = await antiforgery.IsRequestValidAsync(http);
        http.User = user;
        if (!formIsGenuine)
            return Page(http, antiforgery, "Форма устарела, откройте её заново. · The form has expired; open it again.", StatusCodes.Status400BadRequest);
        // The bearer handler has validated the form's token (signature, issuer, audience, lifetime) like any API call's.
        if (user.Identity?.IsAuthenticated != true)
            return Page(http, antiforgery, "Токен недействителен или истёк. · The token is not valid or has expired.", StatusCodes.Status401Unauthorized);
        if (!user.IsInRole(Roles.Admin))
            return Page(http, antiforgery, "Панель доступна только администраторам. · The dashboard is for admins only.", StatusCodes.Status403Forbidden);

        var now = clock.GetUtcNow();
        // Never past the token's own expiry.
        var expires = long.TryParse(user.FindFirst("exp")?.Value, out var exp) && DateTimeOffset.FromUnixTimeSeconds(exp) < now + MaxSession
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : now + MaxSession;
        await IssueAsync(http, user, now, expires);
        return Results.Redirect("/hangfire");
    }

    /// <summary>
    /// The dashboard's cookie for an admin already checked (by the form's token here, or signed in to the pages): their
    /// name and roles only, until <paramref name="expires"/>, never refreshed.
    /// </summary>
    public static Task IssueAsync(HttpContext http, ClaimsPrincipal admin, DateTimeOffset now, DateTimeOffset expires)
    {
        var identity = new ClaimsIdentity(
            admin.Claims.Where(c => c.Type is "sub" or "role").Select(c => new Claim(c.Type, c.Value)),
            AuthSetup.DashboardScheme, "sub", "role");
        return http.SignInAsync(AuthSetup.DashboardScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = expires, AllowRefresh = false });
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var enc = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p role=\"alert\"><strong>{enc.Encode(error)}</strong></p>";
        var html = $"""
            <!doctype html>
            <html lang="ru">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Вход в панель фоновых задач · Background jobs sign-in</title></head>
            <body>
            <h1>Вход в панель фоновых задач</h1>
            <p>Вставьте токен администратора (тот же, что для API: от поставщика входа или <code>./token.sh admin</code> при разработке).
            Вход действует не более часа.</p>
            <p lang="en"><em>Sign in to the background jobs dashboard.</em> Paste an administrator's bearer token (the same as for the
            API: from the sign-in provider, or <code>./token.sh admin</code> in development). The sign-in lasts at most one hour.</p>
            {message}
            <form method="post" action="{Path}">
            <input type="hidden" name="{enc.Encode(tokens.FormFieldName)}" value="{enc.Encode(tokens.RequestToken ?? "")}">
            <p><label for="token">Токен · Token</label><br>
            <textarea id="token" name="{TokenField}" rows="6" cols="80" required autocomplete="off" spellcheck="false"></textarea></p>
            <p><button type="submit">Войти · Sign in</button></p>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>Only an admin signed in through <see cref="DashboardSignIn"/> sees the dashboard; a bearer header does not count.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var result = await context.GetHttpContext().AuthenticateAsync(AuthSetup.DashboardScheme);
        return result.Succeeded && result.Principal.IsInRole(Roles.Admin);
    }
}

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Monitoring.Api.Auth;

public static class AuthSetup
{
    /// <summary>The Hangfire dashboard's own sign-in: a short cookie issued by <c>/auth/dashboard</c> to an admin.</summary>
    public const string DashboardScheme = "Dashboard";
    public const string DashboardCookie = "monitoring_dashboard";
    /// <summary>Authorization policy of the dashboard: the dashboard cookie only (a bearer header does not count), role admin.</summary>
    public const string DashboardPolicy = "dashboard";

    /// <summary>
    /// Bearer authentication (an OpenID Connect provider, or the symmetric key), the dashboard cookie, the roles'
    /// policies and the security middleware's services. Throws (after saying why on stderr) when the identity
    /// configuration must not serve: outside Development without a provider and without a strong key of its own.
    /// </summary>
    public static WebApplicationBuilder AddMonitoringAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        builder.Environment.RefuseIf(settings.RefusalReason(builder.Environment.IsDevelopment()));
        services.AddSingleton(settings);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new CachingJsonWebTokenHandler { MapInboundClaims = false });
                o.TokenValidationParameters = settings.ValidationParameters();
                if (settings.UsesProvider)
                {
                    // Discovery document and JWKS of the provider; the issuer it names is the only valid one, and
                    // with no symmetric key configured a development (HS256) token cannot validate.
                    o.Authority = settings.Authority;
                    o.Audience = settings.Audience;
                    o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                }
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = DashboardSignIn.TokenFromForm,
                    OnTokenValidated = ctx =>
                    {
                        if (settings.UsesProvider && ctx.Principal?.Identity is ClaimsIdentity identity)
                            ProviderClaims.Normalise(identity, settings);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(DashboardScheme, o =>
            {
                o.Cookie.Name = DashboardCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Sent only to the dashboard: the API itself never accepts the cookie (no CSRF surface there).
                o.Cookie.Path = "/hangfire";
                o.ExpireTimeSpan = TimeSpan.FromHours(1);
                o.SlidingExpiration = false;
                o.LoginPath = DashboardSignIn.Path;
                o.Events = new CookieAuthenticationEvents
                {
                    // A browser is sent to the sign-in form; a script or API client gets a plain 401.
                    OnRedirectToLogin = ctx =>
                    {
                        if (HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Headers.Accept.ToString().Contains("text/html"))
                            ctx.Response.Redirect(DashboardSignIn.Path);
                        else
                            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    },
                    OnRedirectToAccessDenied = ctx =>
                    {
                        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "monitoring_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // The security headers send X-Frame-Options DENY on every response already.
            o.SuppressXFrameOptionsHeader = true;
        });

        var policies = services.AddAuthorizationBuilder()
            // An endpoint that names no policy still needs a valid token: forgetting RequireAuthorization must not make
            // it anonymous. Anonymous endpoints (health, OpenAPI, docs) say so with AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(DashboardPolicy, p => p.AddAuthenticationSchemes(DashboardScheme).RequireRole(Roles.Admin));
        foreach (var (policy, roles) in Policies.Admits)
            policies.AddPolicy(policy, p => p.RequireRole(roles));

        services.AddMonitoringSecurity(builder.Configuration);
        return builder;
    }
}

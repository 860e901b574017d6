using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Monitoring.Api.Auth;

public static class AuthSetup
{
    /// <summary>The Hangfire dashboard is opened in a browser, which cannot send a bearer header: it accepts the token once
    /// as <c>?access_token=</c> and keeps it in an HTTP-only cookie for the dashboard's own requests.</summary>
    public const string DashboardCookie = "monitoring_dashboard_token";

    public static IServiceCollection AddMonitoringAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        settings.Key(); // fail at start-up, not at the first request, when the key is missing or short
        services.AddSingleton(settings);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new CachingJsonWebTokenHandler { MapInboundClaims = false });
                o.TokenValidationParameters = settings.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.HttpContext.Request.Path.StartsWithSegments("/hangfire"))
                        {
                            var fromQuery = ctx.Request.Query["access_token"].FirstOrDefault();
                            if (fromQuery is not null)
                            {
                                ctx.Token = fromQuery;
                                ctx.Response.Cookies.Append(DashboardCookie, fromQuery, new CookieOptions
                                {
                                    HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/hangfire",
                                    Secure = ctx.Request.IsHttps,
                                });
                            }
                            else
                            {
                                ctx.Token = ctx.Request.Cookies[DashboardCookie];
                            }
                        }
                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            // An endpoint that names no policy still needs a valid token: forgetting RequireAuthorization must not make
            // it anonymous. Anonymous endpoints (health, OpenAPI, docs) say so with AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.CatalogueWrite, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.InspectionWrite, p => p.RequireRole(Roles.Inspector))
            .AddPolicy(Policies.ReportWrite, p => p.RequireRole(Roles.Steward, Roles.Admin))
            .AddPolicy(Policies.Assess, p => p.RequireRole(Roles.Assessor))
            .AddPolicy(Policies.SurveyWrite, p => p.RequireRole(Roles.Analyst, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Analyst, Roles.Assessor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }
}

/// <summary>Only admins see the Hangfire dashboard.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(Roles.Admin);
}

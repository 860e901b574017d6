using System.Threading.RateLimiting;
using Monitoring.Api.Web;

namespace Monitoring.Api.Common;

public static class SecurityPipeline
{
    private const string Unlimited = "-";

    /// <summary>Settings of the rate limits, and the built-in rate limiter for changes per user.</summary>
    public static IServiceCollection AddMonitoringSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SecuritySettings.Section).Get<SecuritySettings>() ?? new SecuritySettings();
        services.AddSingleton(settings);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                settings.WritesPerMinute > 0 && IsWrite(http.Request)
                    ? TooManyRequests.PerMinute(Writer(http), settings.WritesPerMinute)
                    : RateLimitPartition.GetNoLimiter(Unlimited));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) => new ValueTask(TooManyRequests.WriteAsync(ctx.HttpContext, ctx.Lease, "Too many changes",
                $"At most {settings.WritesPerMinute} changes a minute are accepted from one user; try again later."));
        });
        return services;
    }

    /// <summary>
    /// Security headers, the failed-authentication limit (before authentication, so a locked-out address costs no token
    /// checks), authentication, the per-user limit of changes (after authentication: it needs the user) and authorization.
    /// </summary>
    public static WebApplication UseMonitoringSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // The pages' style sheet and scripts are public, and each request's language is chosen before anything renders.
        app.UseMonitoringWebAssets();
        app.UseMiddleware<FailedAuthenticationLimiter>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    // The API's writes and the pages' forms alike (a form sends the same commands).
    private static bool IsWrite(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
            || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method));

    private static string Writer(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("sub")?.Value is { } sub
            ? $"user:{sub}"
            : $"ip:{FailedAuthenticationLimiter.ClientAddress(http)}";
}

namespace Monitoring.Api.Common;

/// <summary>
/// Security headers on every response, set when the response starts so that error pages, 429s and the Hangfire
/// dashboard get them too. The API answers JSON only, so its Content-Security-Policy allows nothing; the Scalar
/// reference (<c>/docs</c>, which serves its scripts from this host and starts them from an inline module script) and
/// the Hangfire dashboard (its own scripts and style sheets, no inline script) get policies of their own that still
/// allow no other origin. Scalar's web fonts come from fonts.scalar.com by default: blocked, the page uses system fonts.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string DocsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
                                     "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
                                     "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    public const string DashboardPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
                                          "img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
                                          "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    /// <summary>The pages: scripts and style sheets of this site only (no inline script or style attribute), forms to this site.</summary>
    public const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                                     "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    public const string SignInPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        // Decided now, on the path as requested: a mapped branch (the Hangfire dashboard) rewrites Path and PathBase
        // before the response starts.
        var path = http.Request.PathBase.Add(http.Request.Path);
        var policy = path.StartsWithSegments("/docs") || path.StartsWithSegments("/scalar") ? DocsPolicy
            : path.StartsWithSegments("/hangfire") ? DashboardPolicy
            : path.StartsWithSegments("/auth") ? SignInPolicy
            : path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") ? ApiPolicy
            : PagePolicy;
        // Answers to an authenticated call are personal: no shared or browser cache may keep them (the dashboard's
        // pages show job arguments; its scripts and style sheets may be cached).
        var noStore = (path.StartsWithSegments("/api") && http.Request.Headers.ContainsKey("Authorization"))
                      || path.StartsWithSegments("/auth")
                      // A page shows what its signed-in reader may see: never kept by a cache (its assets may be).
                      || (PagePolicy == policy && !IsPageAsset(path.Value ?? ""))
                      || (path.StartsWithSegments("/hangfire", out var rest) && !IsDashboardAsset(rest.Value ?? ""));
        var https = http.Request.IsHttps;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = policy;
            // Only over HTTPS: a browser ignores it on plain HTTP, and sending it there would only mislead.
            if (https) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (noStore) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }

    // Hangfire serves its bundles as /hangfire/js{version}, /hangfire/css{version}, /hangfire/fonts/...
    private static readonly string[] DashboardAssets = ["/js", "/css", "/fonts"];

    private static readonly string[] PageAssets = ["/lib/", "/css/", "/js/"];

    private static bool IsPageAsset(string path) => PageAssets.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static bool IsDashboardAsset(string rest) => DashboardAssets.Any(prefix => rest.StartsWith(prefix, StringComparison.Ordinal));
}

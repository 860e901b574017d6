namespace Monitoring.Api.Common;

/// <summary>
/// Every request runs under a correlation id (the caller's <c>X-Correlation-Id</c>, else a new one), echoed back and
/// stored with every event the request causes, and carried by every log line written while it runs (a logging scope
/// with <c>CorrelationId</c>: the JSON console shows it as a field when scopes are included).
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    /// <summary>Set on a request whose refusal has been logged already (with its reason, by the exception handler).</summary>
    public const string RefusalLogged = "monitoring:refusal-logged";

    public async Task InvokeAsync(HttpContext http)
    {
        var id = http.Request.Headers[Header].FirstOrDefault();
        // Echoed in a header and stored with events: only a plain token is taken from the caller.
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            id = Guid.NewGuid().ToString("N");
        http.Items[Header] = id;
        http.Response.Headers[Header] = id;
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id });
        await next(http);
        // Every refusal leaves one line at Information: the exception handler writes its own (with the reason); the
        // refusals answered without an exception (authentication, rate limits, guards, a validation result) are written here.
        if (http.Response.StatusCode is >= 400 and < 500 && !http.Items.ContainsKey(RefusalLogged))
            logger.LogInformation("{Status} on {Method} {Path} for {User} (correlation {CorrelationId})", http.Response.StatusCode,
                http.Request.Method, http.Request.Path, http.UserName(), id);
    }
}

public static class HttpContextExtensions
{
    public static string CorrelationId(this HttpContext http) =>
        http.Items[CorrelationMiddleware.Header] as string ?? http.TraceIdentifier;

    /// <summary>The user recorded on events: the token's subject (and its roles, so an auditor sees in which capacity).</summary>
    public static string UserName(this HttpContext http)
    {
        var sub = http.User.FindFirst("sub")?.Value ?? "anonymous";
        var roles = http.User.FindAll("role").Select(c => c.Value).ToArray();
        return roles.Length == 0 ? sub : $"{sub} ({string.Join(",", roles)})";
    }
}

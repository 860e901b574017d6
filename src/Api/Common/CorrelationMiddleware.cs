namespace Monitoring.Api.Common;

/// <summary>
/// Every request runs under a correlation id (the caller's <c>X-Correlation-Id</c>, else a new one), echoed back and
/// stored with every event the request causes.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    public Task InvokeAsync(HttpContext http)
    {
        var id = http.Request.Headers[Header].FirstOrDefault();
        // Echoed in a header and stored with events: only a plain token is taken from the caller.
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            id = Guid.NewGuid().ToString("N");
        http.Items[Header] = id;
        http.Response.Headers[Header] = id;
        return next(http);
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

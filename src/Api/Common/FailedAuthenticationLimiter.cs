using System.Threading.RateLimiting;

namespace Monitoring.Api.Common;

/// <summary>
/// Slows down token guessing: every 401 answered to a client address takes a permit from that address's fixed
/// one-minute window (<see cref="SecuritySettings.FailedAuthPerMinute"/>); once they are gone, every request from the
/// address is answered 429 before authentication runs, until the window turns. Successful requests cost nothing.
/// Behind a reverse proxy the address is the proxy's unless forwarded headers are trusted (see README).
/// </summary>
public sealed class FailedAuthenticationLimiter(RequestDelegate next, SecuritySettings settings, ILogger<FailedAuthenticationLimiter> logger)
    : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(client =>
        TooManyRequests.PerMinute(client, Math.Max(1, settings.FailedAuthPerMinute)));

    public async Task InvokeAsync(HttpContext http)
    {
        var limited = settings.FailedAuthPerMinute > 0;
        var client = ClientAddress(http);
        // Asking for zero permits only tells whether any are left (and, if not, when the window turns).
        using (var probe = limited ? _failures.AttemptAcquire(client, 0) : null)
        {
            if (probe is { IsAcquired: false })
            {
                logger.LogWarning("Client {Client} refused: more than {Limit} failed authentications in a minute", client, settings.FailedAuthPerMinute);
                await TooManyRequests.WriteAsync(http, probe, "Too many failed sign-ins",
                    $"More than {settings.FailedAuthPerMinute} requests from this address failed authentication within a minute; try again later.");
                return;
            }
        }
        await next(http);
        if (limited && http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            _failures.AttemptAcquire(client, 1).Dispose();
    }

    /// <summary>The caller's address; the in-memory test server has none, so "unknown" stands for it.</summary>
    public static string ClientAddress(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        return ip is null ? "unknown" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    public void Dispose() => _failures.Dispose();
}

public static class TooManyRequests
{
    /// <summary>A fixed one-minute window of <paramref name="limit"/> permits for one partition, no queue.</summary>
    public static RateLimitPartition<string> PerMinute(string partition, int limit) => RateLimitPartition.GetFixedWindowLimiter(partition,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true });

    /// <summary>429 as ProblemDetails, with Retry-After in whole seconds (at least one).</summary>
    public static Task WriteAsync(HttpContext http, RateLimitLease lease, string title, string detail)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: title).ExecuteAsync(http);
    }
}

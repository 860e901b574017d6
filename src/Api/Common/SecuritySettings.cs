namespace Monitoring.Api.Common;

/// <summary>Configuration section <c>Security</c>: the rate limits. Zero or less switches a limit off.</summary>
public sealed class SecuritySettings
{
    public const string Section = "Security";
    /// <summary>Responses 401 one client address may cause in a minute before it is answered 429 for the rest of it.</summary>
    public int FailedAuthPerMinute { get; set; } = 30;
    /// <summary>Changes (POST, PUT, PATCH, DELETE under /api) one user (or anonymous address) may make in a minute.</summary>
    public int WritesPerMinute { get; set; } = 6000;
}

using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Monitoring.Api.Auth;

/// <summary>
/// Remembers tokens already validated (signature, issuer, audience, lifetime) until they expire, so a client sending
/// thousands of requests with one token is not re-verified on each. A token is only ever cached after a full
/// validation, and never past its own expiry.
/// </summary>
public sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, TokenValidationResult> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out var cached))
        {
            if (cached.SecurityToken.ValidTo > DateTime.UtcNow) return cached;
            _validated.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (_validated.Count >= MaxEntries) _validated.Clear();
            _validated[token] = result;
        }
        return result;
    }
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Monitoring.Api.Auth;

/// <summary>
/// Configuration section <c>Auth</c>. Two modes:
/// <list type="bullet">
/// <item><see cref="Authority"/> set — tokens come from an OpenID Connect provider and are checked against its discovery
/// document and signing keys (JWKS); symmetric tokens are not accepted at all;</item>
/// <item>no authority — tokens are signed with the symmetric <see cref="SigningKey"/> (development, small installations).</item>
/// </list>
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";

    /// <summary>
    /// The key shipped in <c>appsettings.Development.json</c>. Everybody who has the repository has it, so it must never
    /// sign anything outside Development; the start-up check compares against it.
    /// </summary>
    public const string DevelopmentKey = "development-only-signing-key-change-me-in-production-0123456789";

    public string Issuer { get; set; } = "monitoring";
    public string Audience { get; set; } = "monitoring-api";
    /// <summary>At least 32 bytes. Only appsettings.Development.json ships one: set <c>Auth__SigningKey</c> elsewhere.</summary>
    public string SigningKey { get; set; } = "";
    public int TokenLifetimeHours { get; set; } = 12;

    /// <summary>Issuer URL of an OpenID Connect provider (e.g. <c>https://sso.example.kz/realms/monitoring</c>).</summary>
    public string? Authority { get; set; }
    /// <summary>The provider's claim that carries the roles: a flat name (<c>role</c>, <c>roles</c>) or a path into a
    /// JSON claim (<c>realm_access.roles</c>).</summary>
    public string RoleClaim { get; set; } = "role";
    /// <summary>The provider's claim naming a steward's state body.</summary>
    public string BodyClaim { get; set; } = "body";
    /// <summary>Discovery document and keys only over HTTPS; switch off only for a provider on the same machine in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool UsesProvider => !string.IsNullOrWhiteSpace(Authority);

    public SymmetricSecurityKey Key() => Encoding.UTF8.GetByteCount(SigningKey) < 32
        ? throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes")
        : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));

    /// <summary>
    /// Why this configuration must not serve requests in the given environment, or null when it may. Outside Development
    /// a symmetric key must be present, at least 32 bytes and not the shipped development key; with a provider the
    /// authority must be an absolute URL (HTTPS unless <see cref="RequireHttpsMetadata"/> is off).
    /// </summary>
    public string? RefusalReason(bool isDevelopment)
    {
        if (UsesProvider)
            return !Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? $"Auth:Authority '{Authority}' is not an absolute URL"
                : RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps
                    ? $"Auth:Authority '{Authority}' is not HTTPS (Auth:RequireHttpsMetadata is true)"
                    : null;
        var bytes = Encoding.UTF8.GetByteCount(SigningKey);
        if (bytes == 0)
            return isDevelopment
                ? "Auth:SigningKey is not set (appsettings.Development.json provides one; is it next to the binaries?)"
                : "Auth:SigningKey is not set. Outside Development configure an OpenID Connect provider (Auth__Authority) " +
                  "or a signing key of your own (Auth__SigningKey, 32 bytes or more)";
        if (bytes < 32) return $"Auth:SigningKey is {bytes} bytes; it must be at least 32";
        if (!isDevelopment && SigningKey == DevelopmentKey)
            return "Auth:SigningKey is the development key shipped with the source code; set a secret key of your own " +
                   "(Auth__SigningKey, 32 bytes or more) or an OpenID Connect provider (Auth__Authority)";
        return null;
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        // With a provider, issuer and signing keys come from its discovery document and JWKS (JwtBearer fills them in).
        ValidIssuer = UsesProvider ? null : Issuer,
        IssuerSigningKey = UsesProvider ? null : Key(),
        ValidAudience = Audience,
        ValidAlgorithms = UsesProvider
            ? [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384]
            : [SecurityAlgorithms.HmacSha256],
        NameClaimType = "sub",
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromMinutes(1),
    };

    /// <summary>Issues a token for a user with roles (and, for a steward, the body whose data they own).</summary>
    public string Issue(string subject, IEnumerable<string> roles, string? bodyCode, DateTimeOffset now)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        if (bodyCode is not null) claims.Add(new Claim("body", bodyCode));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(TokenLifetimeHours).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(), SecurityAlgorithms.HmacSha256),
        });
    }
}

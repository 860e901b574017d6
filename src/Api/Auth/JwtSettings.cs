using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Monitoring.Api.Auth;

/// <summary>Configuration section <c>Auth</c>: the symmetric key that signs bearer tokens, issuer and audience.</summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "monitoring";
    public string Audience { get; set; } = "monitoring-api";
    /// <summary>At least 32 characters. The shipped value is for development only: set <c>Auth__SigningKey</c> in production.</summary>
    public string SigningKey { get; set; } = "";
    public int TokenLifetimeHours { get; set; } = 12;

    public SymmetricSecurityKey Key()
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < 32)
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(),
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

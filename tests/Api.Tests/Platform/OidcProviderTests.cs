using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// A stand-in OpenID Connect provider on 127.0.0.1 (a random port): its discovery document and a JWKS with one RSA key
/// generated here. The API runs in Production against it, with no symmetric key configured at all, and takes roles
/// from a Keycloak-style nested claim (<c>realm_access.roles</c>) and the body from <c>org</c>.
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string Audience = "monitoring-api";
    /// <summary>The pages' client at the provider (authorization code flow with PKCE).</summary>
    public const string WebClient = "monitoring-web";
    /// <summary>What the stand-in token endpoint answers for each authorization code it "issued": the nonce to put in the ID token, the subject and roles.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (string Nonce, string Subject, string[] Roles, string? Org)> Codes { get; } = new();
    public RSA ProviderKey { get; } = RSA.Create(2048);
    public string Issuer { get; private set; } = "";
    public IAlbaHost Host { get; private set; } = null!;
    private WebApplication _provider = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        var publicKey = ProviderKey.ExportParameters(false);
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["authorization_endpoint"] = $"{Issuer}/auth",
            ["token_endpoint"] = $"{Issuer}/token",
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
        }));
        _provider.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", use = "sig", alg = "RS256", kid = "provider-key",
                    n = Base64UrlEncoder.Encode(publicKey.Modulus), e = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        }));
        _provider.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || form["client_id"] != WebClient || !Codes.TryRemove(form["code"].ToString(), out var issued))
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var claims = new Dictionary<string, object>
            {
                ["sub"] = issued.Subject, ["nonce"] = issued.Nonce,
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = issued.Roles },
            };
            if (issued.Org is not null) claims["org"] = issued.Org;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer, Audience = WebClient, Expires = DateTime.UtcNow.AddMinutes(5), IssuedAt = DateTime.UtcNow, Claims = claims,
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(ProviderKey) { KeyId = "provider-key" }, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = idToken });
        }).DisableAntiforgery();
        await _provider.StartAsync();
        Issuer = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

        (Host, _connectionString) = await PlatformHost.StartAsync("Production", new Dictionary<string, string?>
        {
            ["Auth:Authority"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:RoleClaim"] = "realm_access.roles",
            ["Auth:BodyClaim"] = "org",
            ["Web:ClientId"] = WebClient,
            ["Web:ClientSecret"] = "a-secret-of-this-test-run",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _provider.DisposeAsync();
        await TestDatabaseServer.DropDatabaseAsync(_connectionString);
        ProviderKey.Dispose();
    }

    /// <summary>A token as the provider would issue it, signed with <paramref name="key"/> (the provider's by default).</summary>
    public string Token(string subject, string[] roles, RSA? key = null, string? roleClaim = null, string? issuer = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                [roleClaim ?? "realm_access"] = roleClaim is null ? new Dictionary<string, object> { ["roles"] = roles } : roles,
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? ProviderKey) { KeyId = "provider-key" }, SecurityAlgorithms.RsaSha256),
        });

    public HttpClient Client(string token, string address)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(PlatformHost.ClientHeader, address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class OidcProviderTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task A_provider_token_is_accepted_and_its_roles_come_from_the_configured_claim()
    {
        var admin = fixture.Client(fixture.Token("alice@provider", ["admin"]), "10.6.0.1");
        (await admin.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("OIDC1")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var events = await fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession().Events.FetchStreamAsync("body:OIDC1");
        events.Single().UserName.ShouldBe("alice@provider (admin)");
    }

    [Fact]
    public async Task A_development_token_is_refused_even_with_the_providers_issuer()
    {
        var development = new JwtSettings { SigningKey = JwtSettings.DevelopmentKey }.Issue("mallory", ["admin"], null, DateTimeOffset.UtcNow);
        (await fixture.Client(development, "10.6.0.2").GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var sameIssuer = new JwtSettings { SigningKey = JwtSettings.DevelopmentKey, Issuer = fixture.Issuer, Audience = OidcFixture.Audience }
            .Issue("mallory", ["admin"], null, DateTimeOffset.UtcNow);
        (await fixture.Client(sameIssuer, "10.6.0.2").GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_rsa_key_is_refused()
    {
        using var other = RSA.Create(2048);
        var forged = fixture.Token("mallory", ["admin"], key: other);
        (await fixture.Client(forged, "10.6.0.3").GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_in_another_claim_than_the_configured_one_grants_nothing()
    {
        // Signed by the provider, but the role sits in a flat "role" claim; only realm_access.roles is configured.
        var token = fixture.Token("eve", ["admin"], roleClaim: "role");
        (await fixture.Client(token, "10.6.0.4").GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

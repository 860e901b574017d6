using System.Net.Http.Headers;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

/// <summary>One API host with low rate limits (3 failed authentications, 5 changes a minute), shared by the security tests.</summary>
public sealed class SecuredApiFixture : IAsyncLifetime
{
    public const int FailedAuthPerMinute = 3;
    public const int WritesPerMinute = 5;

    public IAlbaHost Host { get; private set; } = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        (Host, _connectionString) = await PlatformHost.StartAsync("Development", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiFixture.TestSigningKey,
            ["Security:FailedAuthPerMinute"] = FailedAuthPerMinute.ToString(),
            ["Security:WritesPerMinute"] = WritesPerMinute.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabaseServer.DropDatabaseAsync(_connectionString);
    }

    public string Token(string role, string name) =>
        Host.Services.GetRequiredService<JwtSettings>().Issue(name, [role], null, DateTimeOffset.UtcNow);

    /// <summary>A client calling from <paramref name="address"/>, with a bearer token when a role is given.</summary>
    public HttpClient Client(string address, string? role = null, string? name = null)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(PlatformHost.ClientHeader, address);
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name ?? $"test-{role}"));
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredApiCollection : ICollectionFixture<SecuredApiFixture>
{
    public const string Name = "secured-api";
}

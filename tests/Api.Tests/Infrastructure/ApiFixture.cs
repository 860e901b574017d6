using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Api.DemoData;
using Wolverine;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>The real API host (every service, Marten, Wolverine, Hangfire) on a database of its own.</summary>
public class ApiFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>What the API runs as: the application role, which may only read and append to the event store.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The schema owner's (the test server's administrator): the API migrates and grants with it at start.</summary>
    public string OwnerConnectionString { get; private set; } = "";

    /// <summary>A random signing key for this test run (48 bytes, Base64).</summary>
    public static readonly string TestSigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    /// <summary>A journal signing key of this test run's own (ECDSA P-256, PEM): no test relies on the development key.</summary>
    public static readonly string TestJournalKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)
        .ExportPkcs8PrivateKeyPem();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected virtual bool LoadDemoData => false;

    /// <summary>Extra configuration of the host (a subclass turns a limit off or down).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        (OwnerConnectionString, ConnectionString) = await CreateDatabaseAsync();
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Monitoring", ConnectionString);
            web.UseSetting("ConnectionStrings:MonitoringOwner", OwnerConnectionString);
            // Development, with a key of the test run's own: no test relies on the key shipped in appsettings.Development.json.
            web.UseEnvironment("Development");
            web.UseSetting("Auth:SigningKey", TestSigningKey);
            web.UseSetting("Journal:SigningKey", TestJournalKey);
            web.UseSetting("Monitoring:DemoData", LoadDemoData ? "true" : "false");
            foreach (var (key, value) in Settings) web.UseSetting(key, value);
            web.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
        // Bodies and survey answers name territories, which are catalogue data: a host without the demo data still gets
        // the territories of data/catalogue/catalogue.json, through the same command the demo data uses (the demo loader
        // registers them itself).
        if (!LoadDemoData)
            await DemoDataLoader.LoadTerritoriesAsync(Host.Services, await DemoDataLoader.ReadCatalogueAsync(CancellationToken.None), CancellationToken.None);
        Contract = new ContractCheck(await Host.Server.CreateClient().GetStringAsync("/openapi/v1.json"));
    }

    /// <summary>The host's own OpenAPI document, which every exchange of <see cref="Client"/> is checked against.</summary>
    public ContractCheck Contract { get; private set; } = null!;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await DropDatabaseAsync();
    }

    /// <summary>The host's database, as its owner and as the application role: on the test server unless a subclass has a server of its own.</summary>
    protected virtual async Task<(string Owner, string App)> CreateDatabaseAsync()
    {
        var owner = await TestDatabaseServer.CreateDatabaseAsync("api");
        return (owner, await TestDatabaseServer.AppConnectionStringAsync(owner));
    }

    protected virtual Task DropDatabaseAsync() => TestDatabaseServer.DropDatabaseAsync(OwnerConnectionString);

    /// <summary>The public half of <see cref="TestJournalKey"/> (PEM), as published to outside parties.</summary>
    public string JournalPublicKeyPem
    {
        get
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportFromPem(TestJournalKey);
            return key.ExportSubjectPublicKeyInfoPem();
        }
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>A real token signed with the host's configured key.</summary>
    public string Token(string role, string? name = null, string? body = null) =>
        Host.Services.GetRequiredService<JwtSettings>().Issue(name ?? $"test-{role}", [role], body, DateTimeOffset.UtcNow);

    public HttpClient Client(string? role, string? name = null, string? body = null)
    {
        var client = new HttpClient(Contract.Handler(Host.Server.CreateHandler())) { BaseAddress = Host.Server.BaseAddress };
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name, body));
        return client;
    }

    /// <summary>
    /// A typed read: GET <paramref name="url"/> as a user of <paramref name="role"/>, expect 200, and read the body
    /// as <typeparamref name="T"/> (a read model of the API) with the host's own JSON options.
    /// </summary>
    public async Task<T> GetAsync<T>(string url, string role = "auditor", string? body = null)
    {
        // Through the checked client, so that typed reads are held to the OpenAPI document too.
        using var client = Client(role, null, body);
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var options = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return await response.Content.ReadFromJsonAsync<T>(options) ?? throw new InvalidOperationException($"GET {url} answered no body");
    }

    /// <summary>A refusal read typed: the ProblemDetails of a 400 with its errors by field.</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpValidationProblemDetails> Refusal(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(Json))!;
    }

    public static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

/// <summary>A host with the demo data (catalogue, surveys, the Karaganda 2017 assessment published once).</summary>
public sealed class DemoApiFixture : ApiFixture
{
    protected override bool LoadDemoData => true;
}

/// <summary>A host without rate limits: for tests that send thousands of refused or bad-token requests on purpose.</summary>
public sealed class UnlimitedApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Security:FailedAuthPerMinute"] = "0",
        ["Security:WritesPerMinute"] = "0",
    };
}

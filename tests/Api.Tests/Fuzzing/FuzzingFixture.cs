using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Fuzzing;

namespace Monitoring.Api.Tests.Fuzzing;

/// <summary>
/// The real API on its own database, seeded (through the API) with a body, a service, a campaign, inspections, a complaint
/// and an assessment, so that generated requests reach the deep checks instead of stopping at "unknown body".
/// </summary>
public sealed class FuzzingFixture : ApiFixture
{
    public RequestFactory Factory { get; private set; } = null!;
    public FuzzRunner Runner { get; private set; } = null!;

    /// <summary>One token carrying every role, as the command-line fuzzer uses: no request is refused for its role.</summary>
    public string AllRolesToken() =>
        Host.Services.GetRequiredService<JwtSettings>().Issue("fuzzer", Roles.All, null, DateTimeOffset.UtcNow);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Checked against the document like every API test's client: what the fuzzer gets accepted, and every answer.
        var client = new HttpClient(Contract.Handler(Host.Server.CreateHandler())) { BaseAddress = Host.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AllRolesToken());
        var document = await OpenApiDocument.LoadAsync(client);
        var ids = await FuzzSeed.CreateAsync(client, "T");
        Factory = new RequestFactory(document, ids);
        Runner = new FuzzRunner(client, new MartenEventStoreProbe(Store));
    }
}

using System.Net;
using Alba;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Tests.Platform;

/// <summary>A host that tolerates no projection lag at all (<c>Monitoring:Health:MaxProjectionAgeSeconds</c> = 0).</summary>
public sealed class ZeroLagFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    private string _connectionString = "";

    public async Task InitializeAsync() =>
        (Host, _connectionString) = await PlatformHost.StartAsync("Development", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiFixture.TestSigningKey,
            ["Monitoring:Health:MaxProjectionAgeSeconds"] = "0",
        });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabaseServer.DropDatabaseAsync(_connectionString);
    }
}

public sealed class ProjectionLagHealthTests(ZeroLagFixture fixture) : IClassFixture<ZeroLagFixture>
{
    private async Task<System.Text.Json.JsonElement> Health(string path = "/health/ready")
    {
        var response = await fixture.Host.Server.CreateClient().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK); // Degraded still serves: 200, with the status in the body
        return await ApiFixture.ReadJson(response);
    }

    /// <summary>Polls /health until it reports <paramref name="status"/> or the time is up; the last answer either way.</summary>
    private async Task<System.Text.Json.JsonElement> HealthWithin(string status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var health = await Health();
            if (health.GetProperty("status").GetString() == status || DateTime.UtcNow > until) return health;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Health_is_degraded_while_an_asynchronous_projection_lags_and_healthy_once_it_caught_up()
    {
        // Once the daemon has caught up with what the host recorded at start (the default methodology), all is well.
        (await HealthWithin("Healthy", TimeSpan.FromSeconds(60))).GetProperty("status").GetString().ShouldBe("Healthy");

        // Stop the asynchronous daemon (what Wolverine's own test support does), then record events through the API.
        var coordinator = fixture.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            var admin = new JwtClient(fixture.Host).Admin();
            for (var i = 0; i < 3; i++)
                (await admin.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body($"LAG{i}")))).StatusCode
                    .ShouldBe(HttpStatusCode.Created);

            var degraded = await Health();
            degraded.GetProperty("status").GetString().ShouldBe("Degraded");
            var projections = degraded.GetProperty("checks").GetProperty("projections");
            projections.GetProperty("status").GetString().ShouldBe("Degraded");
            var description = projections.GetProperty("description").GetString()!;
            description.ShouldContain(SurveyFactsProjection.Name);
            description.ShouldMatch(@"its oldest event has waited [0-9]+ s \([1-9][0-9]* events behind");
            var shard = projections.GetProperty("data").GetProperty($"shard:{SurveyFactsProjection.Name}:All");
            shard.GetProperty("lag").GetInt64().ShouldBeGreaterThanOrEqualTo(3);
            shard.GetProperty("waiting").GetInt64().ShouldBe(0); // bodies registered: nothing the survey shard takes
            shard.GetProperty("oldestWaitingSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
            // /health says what ready says; live asks nothing and is Healthy whatever the projections do.
            (await Health("/health")).GetProperty("status").GetString().ShouldBe("Degraded");
            var live = await Health("/health/live");
            live.GetProperty("status").GetString().ShouldBe("Healthy");
            live.GetProperty("checks").EnumerateObject().ShouldBeEmpty();
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        var healthy = await HealthWithin("Healthy", TimeSpan.FromSeconds(60));
        healthy.GetProperty("status").GetString().ShouldBe("Healthy");
        healthy.GetProperty("checks").GetProperty("projections").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_publisher_waiting_for_the_survey_read_model_is_told_no_while_the_daemon_is_paused_and_yes_once_it_caught_up()
    {
        async Task<bool> WaitForSurvey(TimeSpan timeout)
        {
            await using var scope = fixture.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Monitoring.Projections.Assessments.AssessmentEvidenceLoader>()
                .WaitForSurveyAsync(timeout, CancellationToken.None);
        }

        var coordinator = fixture.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            (await new JwtClient(fixture.Host).Admin().PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("WAIT1"))))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            (await WaitForSurvey(TimeSpan.FromSeconds(1))).ShouldBeFalse();
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
        (await WaitForSurvey(TimeSpan.FromSeconds(60))).ShouldBeTrue();
    }

    private sealed class JwtClient(IAlbaHost host)
    {
        public HttpClient Admin()
        {
            var client = host.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer",
                host.Services.GetRequiredService<Monitoring.Api.Auth.JwtSettings>().Issue("lag-admin", ["admin"], null, DateTimeOffset.UtcNow));
            return client;
        }
    }
}

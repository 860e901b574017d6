using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Catalogue;

public sealed class PlatformTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Health_reports_the_database_and_the_projections()
    {
        var response = await fixture.Client(null).GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await ApiFixture.ReadJson(response);
        json.GetProperty("status").GetString().ShouldBe("Healthy");
        json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        json.GetProperty("checks").GetProperty("projections").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    /// <summary>
    /// With no Cluster or Health setting given, a node runs on the defaults the README states (0.5 s beats, a node dead
    /// after 2.5 s, 30 s of waiting allowed): a shipped settings file that set other values would fail here, as
    /// appsettings.json once pinned 2 s and 10 s over the code's defaults.
    /// </summary>
    [Fact]
    public void A_node_configured_with_nothing_runs_on_the_documented_failover_and_health_defaults()
    {
        var durability = fixture.Host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Options.Durability;
        durability.HealthCheckPollingTime.ShouldBe(TimeSpan.FromSeconds(0.5));
        durability.StaleNodeTimeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        durability.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(2));
        var configuration = fixture.Host.Services.GetRequiredService<IConfiguration>();
        configuration.GetValue(Monitoring.Api.Health.ProjectionDaemonHealthCheck.MaxAgeKey, Monitoring.Api.Health.ProjectionDaemonHealthCheck.DefaultMaxAge).ShouldBe(30);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_the_bearer_scheme()
    {
        var response = await fixture.Client(null).GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await ApiFixture.ReadJson(response);
        doc.GetProperty("paths").TryGetProperty("/api/catalogue/services", out var services).ShouldBeTrue();
        services.TryGetProperty("post", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/catalogue/services/{code}/passport", out _).ShouldBeTrue();
        foreach (var health in new[] { "/health", "/health/ready", "/health/live" })
            doc.GetProperty("paths").GetProperty(health).GetProperty("get").GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _).ShouldBeTrue();
        var docs = await fixture.Client(null).GetAsync("/docs");
        if (docs.StatusCode == HttpStatusCode.Found) docs = await fixture.Client(null).GetAsync(docs.Headers.Location);
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await docs.Content.ReadAsStringAsync()).ShouldContain("scalar", Case.Insensitive);
    }

    [Fact]
    public async Task Responses_echo_the_callers_correlation_id_and_events_keep_it()
    {
        var client = fixture.Client("admin");
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "corr-test-42");
        var response = await client.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("CORR1")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("corr-test-42");
        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync("body:CORR1");
        events.Single().CorrelationId.ShouldBe("corr-test-42");
        events.Single().UserName.ShouldBe("test-admin (admin)");
    }
}

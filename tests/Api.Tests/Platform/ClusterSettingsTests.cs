using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Surveys;
using Wolverine.Runtime;

namespace Monitoring.Api.Tests.Platform;

public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData("2", "4", "at least three heartbeats")]
    [InlineData("0", "10", "must be positive")]
    public async Task The_host_refuses_a_node_timeout_that_would_declare_a_merely_late_node_dead(string heartbeat, string timeout, string reason)
    {
        var failure = await Should.ThrowAsync<Exception>(() => AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            // No database is reached: the settings are checked while the host is built.
            web.UseSetting("ConnectionStrings:Monitoring", "Host=127.0.0.1;Port=1;Database=none");
            web.UseSetting("Auth:SigningKey", ApiFixture.TestSigningKey);
            web.UseSetting("Journal:SigningKey", ApiFixture.TestJournalKey);
            web.UseSetting("Cluster:HeartbeatSeconds", heartbeat);
            web.UseSetting("Cluster:NodeTimeoutSeconds", timeout);
        }));
        var refusal = Chain(failure).OfType<InvalidOperationException>().FirstOrDefault(e => e.Message.Contains("refuses to start"));
        refusal.ShouldNotBeNull(failure.ToString());
        refusal.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task The_cluster_settings_drive_wolverines_node_agent_and_health_names_the_node_and_its_shards()
    {
        var (host, connectionString) = await PlatformHost.StartAsync("Development", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiFixture.TestSigningKey,
            ["Cluster:HeartbeatSeconds"] = "1.5",
            ["Cluster:NodeTimeoutSeconds"] = "6",
            ["Cluster:AssignmentCheckSeconds"] = "7",
        });
        try
        {
            var durability = host.Services.GetRequiredService<IWolverineRuntime>().Options.Durability;
            durability.HealthCheckPollingTime.ShouldBe(TimeSpan.FromSeconds(1.5));
            durability.StaleNodeTimeout.ShouldBe(TimeSpan.FromSeconds(6));
            durability.CheckAssignmentPeriod.ShouldBe(TimeSpan.FromSeconds(7));
            // A stopping node releases its shards a beat before the others would take it for dead.
            durability.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(4.5));

            // The survey shard starts with the host; /health says that it runs on this node.
            var until = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var node = (await ApiFixture.ReadJson(await host.Server.CreateClient().GetAsync("/health"))).GetProperty("checks").GetProperty("node");
                var data = node.GetProperty("data");
                var shards = data.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
                if (shards.Contains($"{SurveyFactsProjection.Name}:All"))
                {
                    node.GetProperty("status").GetString().ShouldBe("Healthy");
                    data.GetProperty("node").GetInt32().ShouldBe(durability.AssignedNodeNumber);
                    node.GetProperty("description").GetString().ShouldBe($"Node {durability.AssignedNodeNumber}" +
                        $"{(data.GetProperty("leader").GetBoolean() ? " (leader)" : "")} of {data.GetProperty("nodes").GetArrayLength()} runs {string.Join(", ", shards)}");
                    break;
                }
                DateTime.UtcNow.ShouldBeLessThan(until, $"the survey shard is not reported as running here: {node}");
                await Task.Delay(200);
            }
        }
        finally
        {
            await host.DisposeAsync();
            await TestDatabaseServer.DropDatabaseAsync(connectionString);
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }
}

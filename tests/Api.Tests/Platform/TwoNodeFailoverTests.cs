using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Trust;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// Two API processes on one database, as two nodes behind a load balancer: both serve reads and writes; Wolverine places
/// the survey projection's one shard on one of them. That node is killed (SIGKILL, no shutdown) while the shard is
/// catching up on a backlog of single answers, while an import goes to the other; the survivor notices the silent node within the cluster's node timeout
/// (<c>Cluster:NodeTimeoutSeconds</c>, run here with the production defaults), starts the shard itself and finishes it:
/// the read models hold every answer exactly once. Runs with the fault tests, alone, so that the failover time it
/// measures is the system's and not the other test classes'.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TwoNodeFailoverTests(ApiProcessFixture processes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiProcessFixture>
{
    private const int Backlog = 60_000;
    private const int Rows = 10_000;
    private const int SingleAnswersDuringFailover = 20;
    /// <summary>
    /// The bound asserted from the kill to the read models moving again on the survivor: the default node timeout (2.5 s),
    /// up to one heartbeat (0.5 s) and the shard's start.
    /// </summary>
    internal static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(5);
    private static readonly string[] Services = ["TWO-S1", "TWO-S2", "TWO-S3"];
    private static readonly string Shard = $"{SurveyFactsProjection.Name}:All";

    private Task<ApiProcess> StartNodeAsync() => processes.StartAsync(TimeSpan.FromSeconds(90));

    /// <summary>The <c>node</c> entry of the node's <c>/health</c>: its number, the shards it runs, every node it knows.</summary>
    internal static async Task<JsonElement> NodeHealthAsync(ApiProcess node)
    {
        using var client = node.Client(timeout: TimeSpan.FromSeconds(10));
        var response = await client.GetAsync("/health");
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await ApiFixture.ReadJson(response)).GetProperty("checks").GetProperty("node").GetProperty("data");
    }

    internal static bool RunsSurveyFacts(JsonElement node) =>
        node.GetProperty("shards").EnumerateArray().Any(s => s.GetProperty("name").GetString() == Shard && s.GetProperty("status").GetString() == "Running");

    /// <summary>Waits until both nodes know each other and the shard is placed on exactly one: (its holder, the other).</summary>
    internal static async Task<(ApiProcess Holder, ApiProcess Other)> PlacedAsync(ApiProcess first, ApiProcess second, Xunit.Abstractions.ITestOutputHelper output)
    {
        var placed = Stopwatch.StartNew();
        while (true)
        {
            var (a, b) = (await NodeHealthAsync(first), await NodeHealthAsync(second));
            if (a.GetProperty("nodes").GetArrayLength() == 2 && b.GetProperty("nodes").GetArrayLength() == 2 && RunsSurveyFacts(a) != RunsSurveyFacts(b))
            {
                output.WriteLine($"node {a.GetProperty("node")} (leader: {a.GetProperty("leader")}) and node {b.GetProperty("node")} (leader: " +
                                 $"{b.GetProperty("leader")}); the shard runs on node {(RunsSurveyFacts(a) ? a : b).GetProperty("node")}");
                return RunsSurveyFacts(a) ? (first, second) : (second, first);
            }
            placed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"the shard was not placed on one node: {a} / {b}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Two_nodes_serve_reads_and_writes_and_the_shard_of_a_killed_node_is_finished_by_the_other_with_every_answer_once()
    {
        // One after the other: the first migrates the schema as its owner before the second looks at it.
        var clock = Stopwatch.StartNew();
        var first = await StartNodeAsync();
        var second = await StartNodeAsync();
        output.WriteLine($"two nodes up in {clock.Elapsed.TotalSeconds:N1} s");

        var (holder, other) = await PlacedAsync(first, second, output);

        using var toHolder = processes.Admin(holder, "two-nodes");
        using var toOther = processes.Admin(other, "two-nodes");

        // Writes on one node are read on the other; single answers go to both.
        var campaign = await SurveyLoad.PrepareCampaignAsync(toOther, "TWO", Services);
        var read = await toHolder.GetAsync($"/api/surveys/campaigns/{campaign}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var expected = Services.ToDictionary(s => s, _ => 0L);
        async Task AnswerAsync(HttpClient node, string id, int i)
        {
            var service = Services[i % Services.Length];
            await SurveyLoad.OkAsync(SurveyLoad.AnswerAsync(node, campaign, id, service, 1 + i % 5));
            expected[service]++;
        }
        await AnswerAsync(toHolder, "single-holder", 0);
        await AnswerAsync(toOther, "single-other", 1);

        // A backlog of single answers for the holder's shard (appended straight to the store: see SurveyLoad), and an import
        // to the other node, which writes its own read models.
        // (After the two single answers are in the read models, so that the facts counted next are the backlog's.)
        const long single = 2;
        while (await SurveyLoad.SingleAnswerFactsAsync(processes.Database) < single) await Task.Delay(50);
        var backlog = SurveyLoad.AppendAnswersAsync(processes.Database, campaign, "TWO", "backlog", Backlog, Services);
        for (var i = 1; i <= Backlog; i++) expected[Services[i % Services.Length]]++;
        var import = toOther.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", SurveyLoad.Csv("imp", Rows, Services));
        for (var i = 1; i <= Rows; i++) expected[Services[i % Services.Length]]++;
        var total = expected.Values.Sum() + SingleAnswersDuringFailover;

        output.WriteLine($"set up, backlog appended and import sent at {clock.Elapsed.TotalSeconds:N1} s");
        // Killed as soon as the shard has begun to catch up on the backlog (its first facts are in).
        var waiting = Stopwatch.StartNew();
        while (await SurveyLoad.SingleAnswerFactsAsync(processes.Database) <= single)
        {
            waiting.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), $"the holder's shard did not start on the backlog:\n{holder.Log()}");
            await Task.Delay(20);
        }
        await holder.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var factsAtKill = await SurveyLoad.SingleAnswerFactsAsync(processes.Database);
        output.WriteLine($"single answers in the read models when the shard's node was killed: {factsAtKill:N0} of {single + Backlog:N0}");
        factsAtKill.ShouldBeLessThan(single + Backlog, "the projection had already caught up: nothing was interrupted");
        // The gap: from the kill until the read models move again, i.e. the shard runs on the survivor and has committed
        // its first batch there. Watched on its own while the test goes on writing.
        var resumed = Task.Run(async () =>
        {
            while (await SurveyLoad.SingleAnswerFactsAsync(processes.Database) <= factsAtKill)
            {
                if (sinceKill.Elapsed > TimeSpan.FromSeconds(60)) return sinceKill.Elapsed;
                await Task.Delay(25);
            }
            return sinceKill.Elapsed;
        });

        await backlog;
        // Writes go on while no node runs the projection.
        for (var i = 0; i < SingleAnswersDuringFailover; i++) await AnswerAsync(toOther, $"during-{i}", i);
        var imported = await import;
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await ApiFixture.ReadJson(imported)).GetProperty("imported").GetInt32().ShouldBe(Rows);

        // The survivor noticed the silent node, started the shard itself and moved the read models on.
        var takeover = await resumed;
        output.WriteLine($"import answered {imported.StatusCode} at {clock.Elapsed.TotalSeconds:N1} s");
        output.WriteLine($"the read models moved again on the surviving node {takeover.TotalSeconds:N1} s after the kill");
        takeover.ShouldBeLessThanOrEqualTo(TakeoverBound, $"the surviving node did not take the shard over in time:\n{other.Log(200)}");
        RunsSurveyFacts(await NodeHealthAsync(other)).ShouldBeTrue("the survivor's /health names the shard it runs");

        // It finishes the catch-up: every answer once, never more on the way.
        long rated;
        while ((rated = await SurveyLoad.RatedAsync(toOther, campaign)) != total)
        {
            rated.ShouldBeLessThanOrEqualTo(total, "an answer was counted twice");
            sinceKill.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(120), $"the read models did not catch up ({rated:N0} of {total:N0}):\n{other.Log()}");
            await Task.Delay(100);
        }
        output.WriteLine($"read models exact {sinceKill.Elapsed.TotalSeconds:N1} s after the kill");
        await Task.Delay(2_000);
        (await SurveyLoad.RatedAsync(toOther, campaign)).ShouldBe(total);
        (await SurveyLoad.RatedByServiceAsync(toOther, campaign)).OrderBy(s => s.Key).ShouldBe(expected.OrderBy(s => s.Key));
        (await SurveyLoad.FactsAsync(processes.Database)).ShouldBe(total);
    }
}

/// <summary>
/// A node stopped normally (SIGTERM, as an orchestrator stops it) leaves the cluster and releases its shards as it goes:
/// the other node runs the survey shard at once, without waiting for the node timeout. A database of its own, so that
/// the nodes of the failover test are not counted.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class GracefulHandoverTests(ApiProcessFixture processes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiProcessFixture>
{
    [Fact]
    public async Task A_node_stopped_normally_hands_its_shard_to_the_other_at_once()
    {
        var first = await processes.StartAsync(TimeSpan.FromSeconds(90));
        var second = await processes.StartAsync(TimeSpan.FromSeconds(90));
        var (holder, other) = await TwoNodeFailoverTests.PlacedAsync(first, second, output);

        var sinceStop = Stopwatch.StartNew();
        (await holder.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, "a SIGTERM is a normal stop");
        var exited = sinceStop.Elapsed;
        while (!TwoNodeFailoverTests.RunsSurveyFacts(await TwoNodeFailoverTests.NodeHealthAsync(other)))
        {
            sinceStop.Elapsed.ShouldBeLessThan(TwoNodeFailoverTests.TakeoverBound, $"the other node did not take the shard over:\n{other.Log()}");
            await Task.Delay(50);
        }
        output.WriteLine($"the stopped node exited {exited.TotalSeconds:N1} s after SIGTERM; the other ran the shard {sinceStop.Elapsed.TotalSeconds:N1} s after it");
        // It left the cluster rather than being found dead: the survivor knows one node.
        (await TwoNodeFailoverTests.NodeHealthAsync(other)).GetProperty("nodes").GetArrayLength().ShouldBe(1);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

/// <summary>
/// Single answers over HTTP with the same clients on one API node and spread over two nodes of the same database, in
/// alternating rounds of the same run (so drift of the machine weighs on both alike). The second node is a second API
/// process on the next port; it joins the Wolverine cluster of the first and serves reads and writes like it. On one
/// machine both nodes share its cores with PostgreSQL and the load: the figure shows what a second node costs or gives
/// here, not what a second machine would.
/// </summary>
static class TwoNodes
{
    /// <summary>The bench's own sender of single answers (Program.cs): <paramref name="clients"/> in parallel, <paramref name="total"/> in all.</summary>
    public delegate Task PostAnswers(HttpClient http, string campaign, List<(string Code, bool Paid)> services, int clients, int total, string prefix,
        ConcurrentBag<double>? times);

    public static async Task RunAsync(HttpClient first, Options o, string campaign, List<(string Code, bool Paid)> services,
        Func<int, Process> startApi, Func<HttpClient, Task> waitHealthy, PostAnswers post, Action<string, string, string, bool?> report)
    {
        using var api = startApi(o.Port + 1);
        try
        {
            using var second = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{o.Port + 1}"), Timeout = first.Timeout };
            await waitHealthy(second);
            second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
            Console.WriteLine($"  (second node up: {await NodeAsync(second)})");

            const int pairs = 3;
            var round = Math.Max(o.Clients, o.HttpResponses / (2 * pairs));
            await post(second, campaign, services, o.Clients, Math.Min(1_000, round), "warm-2", null); // JIT and connections of the new node
            var one = new ConcurrentBag<double>();
            var two = new ConcurrentBag<double>();
            double oneSeconds = 0, twoSeconds = 0;
            var ratios = new List<double>();
            for (var p = 0; p < pairs; p++)
            {
                var clock = Stopwatch.StartNew();
                await post(first, campaign, services, o.Clients, round, $"one-{p}", one);
                var oneRound = clock.Elapsed.TotalSeconds;
                clock.Restart();
                // The same number of clients, half on each node.
                await Task.WhenAll(
                    post(first, campaign, services, o.Clients / 2, round / 2, $"two-a{p}", two),
                    post(second, campaign, services, o.Clients - o.Clients / 2, round - round / 2, $"two-b{p}", two));
                var twoRound = clock.Elapsed.TotalSeconds;
                (oneSeconds, twoSeconds) = (oneSeconds + oneRound, twoSeconds + twoRound);
                ratios.Add(oneRound / twoRound);
            }
            ratios.Sort();
            var (single, spread) = (Stats.Of(one.ToList(), one.Count / oneSeconds), Stats.Of(two.ToList(), two.Count / twoSeconds));
            report($"single answers over HTTP, {o.Clients} clients: on one node, then spread over two nodes (alternating rounds, same run)",
                $"one node {single.Rate:N0}/s, p99 {single.P99:N1} ms; two nodes {spread.Rate:N0}/s, p99 {spread.P99:N1} ms " +
                $"({ratios[ratios.Count / 2]:N2}× one node, median of {pairs} pairs)", "", null);
            Console.WriteLine($"  (after the rounds: {await NodeAsync(second)})");
        }
        finally
        {
            await StopAsync(api);
        }
    }

    /// <summary>What the node says of itself in <c>/health</c>: its number and the shards it runs.</summary>
    private static async Task<string> NodeAsync(HttpClient node)
    {
        var health = JsonDocument.Parse(await node.GetStringAsync("/health")).RootElement;
        return health.GetProperty("checks").TryGetProperty("node", out var entry) ? entry.GetProperty("description").GetString() ?? "" : "no node entry";
    }

    /// <summary>
    /// A graceful stop (SIGTERM): the node hands its agents back, so a shard it ran moves to the first node at once instead
    /// of after the node timeout, and the rest of the bench does not wait for a failover.
    /// </summary>
    private static async Task StopAsync(Process api)
    {
        if (api.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", api.Id.ToString()])) await term.WaitForExitAsync();
        try
        {
            await api.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }
}

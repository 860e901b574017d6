using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Weasel.Core;

/// <summary>
/// The reference for single answers over HTTP: Marten on its own, in this process, committing one event per session to a
/// new stream, by as many writers as the HTTP clients, on the same database server. The store is set up as the system's
/// (string stream keys, every metadata column, System.Text.Json without nulls) in a schema of its own, with no projection,
/// no journal trigger, no validation and no HTTP: what is left of the system's cost is the cost of those.
/// </summary>
static class MartenReference
{
    /// <summary>About the size of a single answer as the API records it.</summary>
    public sealed record ReferenceAnswer(string CampaignCode, int Period, string ResponseId, string ServiceCode, string BodyCode, string RegionCode,
        string[] Channels, int Overall, Dictionary<string, int?> CriterionScores, bool InformalPayment, string Source);

    private static DocumentStore? _store;

    public static async Task<(double Rate, double P99)> SingleEventCommitsAsync(string connectionString, int writers, int total, string round)
    {
        var store = _store ??= DocumentStore.For(opts =>
        {
            opts.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
            opts.DatabaseSchemaName = "bench_reference";
            opts.Events.StreamIdentity = StreamIdentity.AsString;
            opts.Events.MetadataConfig.EnableAll();
            opts.Events.MetadataConfig.UserNameEnabled = true;
            opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                o => o.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
            opts.Events.AddEventType<ReferenceAnswer>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        async Task Append(int i)
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = "bench";
            session.Events.StartStream($"reference:{round}:{i}", new ReferenceAnswer("BENCH-2019", 2019, $"{round}-{i}", "BENCH-S01", "BENCH-B01",
                "KZ-KAR", ["Body"], 1 + i % 5, new() { ["Trust"] = 5 }, false, "Single"));
            await session.SaveChangesAsync();
        }
        for (var i = 0; i < 200; i++) await Append(-1 - i); // warm-up: connections and Marten's generated code

        var times = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < total)
            {
                var t = Stopwatch.StartNew();
                await Append(i);
                times.Add(t.Elapsed.TotalMilliseconds);
            }
        })));
        var rate = total / clock.Elapsed.TotalSeconds;
        var sorted = times.Order().ToList();
        return (rate, sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.99 * sorted.Count) - 1)]);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Assessments;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections;
using Npgsql;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// A primary and its hot standby, both private clusters made by <c>scripts/postgres.sh</c> from the machine's PostgreSQL
/// server binaries (<c>start</c>, then <c>replica</c>: pg_basebackup), for this fixture alone (the standby replays every
/// database of its primary, so the other tests' server is not used). Ports from <c>MONITORING_TEST_REPLICA_PORT</c>
/// (primary; the standby takes the next), 55436 by default. When the pair cannot be made the fixture fails, and so its tests.
/// </summary>
public sealed class StandbyPair
{
    private const string PrimaryName = "replica-test-primary", StandbyName = "replica-test-standby";

    public string Primary { get; private init; } = "";
    public string Standby { get; private init; } = "";

    public static async Task<StandbyPair> StartAsync()
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("MONITORING_TEST_REPLICA_PORT"), out var p) ? p : 55436;
        try
        {
            var primary = await ScriptAsync("start", PrimaryName, $"{port}");
            return new StandbyPair { Primary = primary, Standby = await ScriptAsync("replica", StandbyName, PrimaryName, $"{port + 1}") };
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public static async Task StopAsync()
    {
        await ScriptAsync("stop", StandbyName);
        await ScriptAsync("stop", PrimaryName);
    }

    /// <summary>Runs scripts/postgres.sh; its last line of output (a connection string), or the failure with what it said.</summary>
    private static async Task<string> ScriptAsync(params string[] args)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Monitoring.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Monitoring.sln");
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "postgres.sh"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
        return (await output).Trim().Split('\n')[^1];
    }
}

/// <summary>
/// The real API on a database of the <see cref="StandbyPair"/>'s primary, reading from the standby
/// (<c>ConnectionStrings:MonitoringReplica</c>, as the application role), sampled every 200 ms, a read waiting at most 1 s.
/// </summary>
public sealed class ReplicaApiFixture : ApiFixture
{
    private StandbyPair _pair = null!;

    public string ReplicaConnectionString { get; private set; } = "";

    /// <summary>The standby as its superuser (to pause and resume its replay).</summary>
    public string ReplicaAdminConnectionString { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:MonitoringReplica"] = ReplicaConnectionString,
        ["Monitoring:Replica:SampleEvery"] = "00:00:00.200",
        ["Monitoring:Replica:MaxWait"] = "00:00:01",
    };

    protected override async Task<(string Owner, string App)> CreateDatabaseAsync()
    {
        _pair = await StandbyPair.StartAsync();
        var name = $"replica_{Guid.NewGuid():N}"[..20];
        await using (var conn = new NpgsqlConnection(_pair.Primary))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand($"create database {name}", conn).ExecuteNonQueryAsync();
        }
        string On(string server, string? user = null) =>
            new NpgsqlConnectionStringBuilder(server) { Database = name, Username = user ?? "postgres", MaxPoolSize = 40 }.ConnectionString;
        ReplicaAdminConnectionString = On(_pair.Standby);
        ReplicaConnectionString = On(_pair.Standby, TestDatabaseServer.AppRole);
        // The new database reaches the standby by replication.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(ReplicaAdminConnectionString);
                await conn.OpenAsync();
                break;
            }
            catch (PostgresException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
        return (On(_pair.Primary), On(_pair.Primary, TestDatabaseServer.AppRole));
    }

    protected override async Task DropDatabaseAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Database = "postgres" }.ConnectionString);
            await conn.OpenAsync();
            await new NpgsqlCommand($"drop database if exists {new NpgsqlConnectionStringBuilder(OwnerConnectionString).Database} with (force)", conn)
                .ExecuteNonQueryAsync();
        }
        finally
        {
            await StandbyPair.StopAsync();
        }
    }

    public async Task<T> OnReplicaAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(ReplicaAdminConnectionString);
        await conn.OpenAsync();
        return (T)(await new NpgsqlCommand(sql, conn).ExecuteScalarAsync())!;
    }
}

/// <summary>
/// Reads served by a streaming hot standby, its lag reported, and read-your-writes by event sequence: a write answers with
/// the sequence it reached (<c>X-Event-Sequence</c>); a read naming it (<c>X-Min-Sequence</c>) is answered only from a
/// source that reflects it, and refused (412, Retry-After) while the standby has not replayed it.
/// </summary>
public sealed class ReadReplicaTests(ReplicaApiFixture fixture) : IClassFixture<ReplicaApiFixture>
{
    private const string MinSequence = "X-Min-Sequence";

    private static long EventSequence(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Event-Sequence").Single());

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static HttpRequestMessage Read(string url, long? minSequence = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (minSequence is { } m) request.Headers.Add(MinSequence, m.ToString());
        return request;
    }

    private async Task<JsonElement> Health()
    {
        var response = await fixture.Client(null).GetAsync("/health");
        return (await ApiFixture.ReadJson(response)).GetProperty("checks").GetProperty("replica");
    }

    private async Task<JsonElement> ReplicaHealthWithin(Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var health = await Health();
            if (condition(health) || DateTime.UtcNow > until) return health;
            await Task.Delay(200);
        }
    }

    private static bool Healthy(JsonElement replica) => replica.GetProperty("status").GetString() == "Healthy";

    /// <summary>A client that honours the contract: on 412 it asks again after Retry-After, for up to a minute.</summary>
    private static async Task<HttpResponseMessage> ReadYourWriteAsync(HttpClient client, string url, long sequence)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var response = await client.SendAsync(Read(url, sequence));
            if (response.StatusCode != HttpStatusCode.PreconditionFailed || DateTime.UtcNow > until) return response;
            await Task.Delay(response.Headers.RetryAfter!.Delta!.Value);
        }
    }

    [Fact]
    public async Task Reads_are_served_by_the_standby_and_what_the_primary_recorded_appears_there()
    {
        (await ReplicaHealthWithin(Healthy, TimeSpan.FromSeconds(60))).GetProperty("status").GetString().ShouldBe("Healthy");
        // The server behind the configured replica connection is a standby (in recovery); the primary is not.
        var configuration = fixture.Host.Services.GetRequiredService<IConfiguration>();
        await using (var replica = new NpgsqlConnection(configuration.GetConnectionString("MonitoringReplica")))
        {
            await replica.OpenAsync();
            ((bool)(await new NpgsqlCommand("select pg_is_in_recovery()", replica).ExecuteScalarAsync())!).ShouldBeTrue();
        }
        await using (var primary = new NpgsqlConnection(fixture.ConnectionString))
        {
            await primary.OpenAsync();
            ((bool)(await new NpgsqlCommand("select pg_is_in_recovery()", primary).ExecuteScalarAsync())!).ShouldBeFalse();
        }

        // A write answers with the sequence it reached; a read naming it is served by the standby, which holds that event.
        var admin = fixture.Client("admin");
        var code = $"RR-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var created = await admin.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body(code)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var sequence = EventSequence(created);
        sequence.ShouldBeGreaterThan(0);
        var read = await ReadYourWriteAsync(admin, $"/api/catalogue/bodies/{code}", sequence);
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        Header(read, "X-Read-Source").ShouldBe("replica");
        long.Parse(Header(read, "X-Read-Sequence")!).ShouldBeGreaterThanOrEqualTo(sequence);
        (await ApiFixture.ReadJson(read)).GetProperty("code").GetString().ShouldBe(code);
        (await fixture.OnReplicaAsync<long>($"select count(*) from {MonitoringStore.DefaultSchema}.mt_events where seq_id = {sequence}")).ShouldBe(1);

        // Answers imported on the primary reach the standby's survey read model (projected on the primary, replicated):
        // the rating read naming the import's sequence waits for that too, and counts every answer.
        var k = await KaragandaScenario.RecordEvidenceAsync(fixture);
        var analyst = fixture.Client("analyst", "aigerim");
        var campaign = $"NPM2017-{k.Body}";
        (await analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Мониторинг", period = 2017, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByMeanThenTopBox",
            methodology = "KZ-2017", smallSampleThreshold = 30, criteria = new[] { "Trust" }, services = new[] { k.OneDay, k.TenDays },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var csv = new StringBuilder("response_id,service,region,channels,overall\n");
        for (var i = 0; i < 120; i++) csv.Append($"r-{i},{(i % 2 == 0 ? k.OneDay : k.TenDays)},KZ-KAR,Body,{(i < 90 ? 5 : 4)}\n");
        var imported = await analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var importSequence = EventSequence(imported);
        var ratings = await ReadYourWriteAsync(analyst, $"/api/surveys/ratings?campaign={campaign}", importSequence);
        ratings.StatusCode.ShouldBe(HttpStatusCode.OK, await ratings.Content.ReadAsStringAsync());
        Header(ratings, "X-Read-Source").ShouldBe("replica");
        long.Parse(Header(ratings, "X-Read-Sequence")!).ShouldBeGreaterThanOrEqualTo(importSequence);
        var total = (await ApiFixture.ReadJson(ratings)).GetProperty("total").GetProperty("figures");
        total.GetProperty("raters").GetInt64().ShouldBe(120);

        // A read without a minimum is served by the standby too, saying the sequence it reflects at least.
        var plain = await admin.GetAsync($"/api/catalogue/bodies/{code}");
        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(plain, "X-Read-Source").ShouldBe("replica");
        long.Parse(Header(plain, "X-Read-Sequence")!).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_scorecard_naming_a_write_the_standby_has_not_replayed_is_refused_with_the_lag_reported_then_served_once_it_has()
    {
        (await ReplicaHealthWithin(Healthy, TimeSpan.FromSeconds(60))).GetProperty("status").GetString().ShouldBe("Healthy");
        var k = await KaragandaScenario.RecordEvidenceAsync(fixture);
        var assessor = fixture.Client("assessor", "dana");
        var auditor = fixture.Client("auditor", "erlan");
        var opened = await assessor.PostAsync("/api/assessments", ApiFixture.JsonBody(new { bodyCode = k.Body, period = 2017, methodologyCode = "KZ-2017", previousFinal = 39, previousFinalSource = "Заключение за 2016 год" }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var url = $"/api/assessments/{k.Body}/2017";
        var before = await ReadYourWriteAsync(auditor, url, EventSequence(opened));
        before.StatusCode.ShouldBe(HttpStatusCode.OK, await before.Content.ReadAsStringAsync());
        Header(before, "X-Read-Source").ShouldBe("replica");
        var finalBefore = (await ApiFixture.ReadJson(before)).GetProperty("scorecard").GetProperty("final").GetDecimal();

        long sequence;
        await fixture.OnReplicaAsync<object>("select pg_wal_replay_pause()");
        try
        {
            // pg_wal_replay_pause only asks; the standby stops at its next record.
            for (var i = 0; i < 100 && await fixture.OnReplicaAsync<string>("select pg_get_wal_replay_pause_state()") != "paused"; i++) await Task.Delay(50);
            // The inspector revokes the business-process violations (2,637 breaches): the final score moves on the primary.
            var revoked = await fixture.Client("inspector", "marat").PostAsync($"/api/inspections/{k.Body}-2017/violations/b/revoke",
                ApiFixture.JsonBody(new { reason = "Акт отменён судом" }));
            revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
            sequence = EventSequence(revoked);

            // Naming it: refused after the bounded wait, never an older answer and never a 5xx.
            var refused = await auditor.SendAsync(Read(url, sequence));
            refused.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await refused.Content.ReadAsStringAsync());
            refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
            Header(refused, "X-Read-Source").ShouldBe("replica");
            var problem = await ApiFixture.ReadJson(refused);
            problem.GetProperty("minSequence").GetInt64().ShouldBe(sequence);
            problem.GetProperty("readSequence").GetInt64().ShouldBeLessThan(sequence);
            (await auditor.SendAsync(Read($"{url}/explain?figure=final", sequence))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

            // Without a minimum the standby answers what it has, and says how far that goes: the score before the revocation.
            var stale = await auditor.GetAsync(url);
            stale.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(stale, "X-Read-Source").ShouldBe("replica");
            long.Parse(Header(stale, "X-Read-Sequence")!).ShouldBeLessThan(sequence);
            (await ApiFixture.ReadJson(stale)).GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(finalBefore);

            // The lag is reported: health (degraded, events behind) and the metrics.
            var health = await ReplicaHealthWithin(h => h.GetProperty("data").GetProperty("eventsBehind").GetInt64() > 0, TimeSpan.FromSeconds(30));
            health.GetProperty("status").GetString().ShouldBe("Degraded");
            health.GetProperty("description").GetString()!.ShouldContain("paused");
            health.GetProperty("data").GetProperty("replayPaused").GetBoolean().ShouldBeTrue();
            health.GetProperty("data").GetProperty("sequence").GetInt64().ShouldBeLessThan(sequence);
            health.GetProperty("data").GetProperty("lagSeconds").GetDouble().ShouldBeGreaterThan(0);
            var metrics = await (await fixture.Client("admin").GetAsync("/metrics")).Content.ReadAsStringAsync();
            Gauge(metrics, "monitoring_replica_lag_seconds").ShouldBeGreaterThan(0);
            Gauge(metrics, "monitoring_replica_events_behind").ShouldBeGreaterThan(0);
            Gauge(metrics, "monitoring_replica_sequence").ShouldBeLessThan(sequence);
        }
        finally
        {
            await fixture.OnReplicaAsync<object>("select pg_wal_replay_resume()");
        }

        // Replay resumed: the same read is served by the standby, with the revocation in the score (as the primary computes
        // it) and in the explanation.
        var served = await ReadYourWriteAsync(auditor, url, sequence);
        served.StatusCode.ShouldBe(HttpStatusCode.OK, await served.Content.ReadAsStringAsync());
        Header(served, "X-Read-Source").ShouldBe("replica");
        long.Parse(Header(served, "X-Read-Sequence")!).ShouldBeGreaterThanOrEqualTo(sequence);
        var final = (await ApiFixture.ReadJson(served)).GetProperty("scorecard").GetProperty("final").GetDecimal();
        final.ShouldNotBe(finalBefore);
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
            final.ShouldBe((await scope.ServiceProvider.GetRequiredService<Monitoring.Projections.Assessments.AssessmentQueries>()
                .ScorecardAsync(k.Body, 2017, null, null, CancellationToken.None)).Scorecard.Final);
        var explained = await ReadYourWriteAsync(auditor, $"{url}/explain?figure=final", sequence);
        explained.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(explained, "X-Read-Source").ShouldBe("replica");
        (await ApiFixture.ReadJson(explained)).GetProperty("value").GetDecimal().ShouldBe(final);
        (await ReplicaHealthWithin(Healthy, TimeSpan.FromSeconds(30))).GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static double Gauge(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
                   ?? throw new ShouldAssertException($"/metrics has no {name}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    [InlineData("١٢")]
    public async Task A_minimum_sequence_that_is_no_positive_whole_number_is_refused_naming_the_header(string value)
    {
        var request = Read("/api/catalogue/bodies");
        request.Headers.TryAddWithoutValidation(MinSequence, value);
        var response = await fixture.Client("auditor").SendAsync(request);
        (await ApiFixture.Refusal(response)).Errors.Keys.ShouldBe([MinSequence]);
    }

    [Fact]
    public async Task A_minimum_sequence_named_twice_or_naming_no_recorded_event_is_refused_at_once()
    {
        var twice = Read("/api/catalogue/bodies");
        twice.Headers.TryAddWithoutValidation(MinSequence, ["5", "6"]);
        (await ApiFixture.Refusal(await fixture.Client("auditor").SendAsync(twice))).Errors.Keys.ShouldBe([MinSequence]);

        // Beyond anything recorded: not "not yet" (412) but a sequence this API never returned (400).
        var beyond = await fixture.Client("auditor").SendAsync(Read("/api/catalogue/bodies", long.MaxValue));
        (await ApiFixture.Refusal(beyond)).Errors[MinSequence].Single().ShouldContain("no recorded event");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Trust;

/// <summary>
/// The API process killed (SIGKILL, no shutdown) while the asynchronous survey projection is catching up on a large
/// import, then started again on the same database: the read models end with every answer exactly once — 0 lost,
/// 0 counted twice — because applied event sequences are recorded with the facts they produced.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ApiKillTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 40_000;
    private string _database = "";
    private readonly string _key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));
    private readonly List<Process> _processes = [];

    public async Task InitializeAsync() => _database = await TestDatabaseServer.CreateDatabaseAsync("kill");

    public async Task DisposeAsync()
    {
        foreach (var p in _processes.Where(p => !p.HasExited)) p.Kill(entireProcessTree: true);
        await TestDatabaseServer.DropDatabaseAsync(_database);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the real API process (the same build the tests reference) and waits until it answers.</summary>
    private async Task<HttpClient> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Monitoring"] = await TestDatabaseServer.AppConnectionStringAsync(_database);
        info.Environment["ConnectionStrings__MonitoringOwner"] = _database;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Auth__SigningKey"] = _key;
        info.Environment["Monitoring__DemoData"] = "false";
        info.Environment["Security__WritesPerMinute"] = "0";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine($"[api stderr] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);

        var token = new JwtSettings { SigningKey = _key }.Issue("killer", [Roles.Admin], null, DateTimeOffset.UtcNow);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var i = 0; i < 600; i++)
        {
            process.HasExited.ShouldBeFalse("the API process exited while starting");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return client;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the API did not start within 60 s");
    }

    private static async Task<long> RatedAsync(HttpClient client, string campaign)
    {
        var response = await client.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        if (!response.IsSuccessStatusCode) return -1;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Object
            ? total.GetProperty("figures").GetProperty("n").GetInt64()
            : 0;
    }

    private async Task<long> FactsAsync()
    {
        await using var conn = new NpgsqlConnection(_database);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from monitoring.survey_facts", conn);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_api_killed_during_projection_catch_up_ends_with_every_answer_once()
    {
        var api = await StartAsync();
        async Task Ok(Task<HttpResponseMessage> call)
        {
            var r = await call;
            r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());
        }
        StringContent Json(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, "application/json");
        await Ok(api.PostAsync("/api/catalogue/territories", Json(new { code = "KZ-KAR", country = "KZ", nameRu = "Карагандинская область" })));
        await Ok(api.PostAsync("/api/catalogue/bodies", Json(new { code = "KILL", nameRu = "Орган", level = "Central", effectiveFrom = "2017-01-01" })));
        await Ok(api.PostAsync("/api/catalogue/services", Json(new
        {
            code = "KILL-S", nameRu = "Услуга",
            passport = new { bodyCode = "KILL", level = "Central", channels = new[] { "Body" }, standardTerm = new { value = 5, unit = "WorkingDays" }, paid = false, effectiveFrom = "2017-01-01" },
        })));
        await Ok(api.PostAsync("/api/surveys/campaigns", Json(new
        {
            code = "KILL-C", title = "Волна", period = 2019, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByTopBoxShare",
            methodology = "KZ-2018", criteria = Array.Empty<string>(), services = new[] { "KILL-S" },
        })));

        var csv = new StringBuilder("response_id,service,region,channels,overall\n");
        for (var i = 1; i <= Rows; i++) csv.Append($"k-{i},KILL-S,KZ-KAR,Body,{1 + i % 5}\n");
        var import = await api.PostAsync("/api/surveys/campaigns/KILL-C/imports?format=csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());

        // Killed as soon as the projection has begun to catch up (its first facts are in), with no shutdown at all.
        for (var i = 0; i < 1_500 && await FactsAsync() == 0; i++) await Task.Delay(20);
        _processes[0].Kill(entireProcessTree: true);
        await _processes[0].WaitForExitAsync();
        var factsAtKill = await FactsAsync();
        output.WriteLine($"survey facts when the API was killed: {factsAtKill:N0} of {Rows:N0}");
        factsAtKill.ShouldBeGreaterThan(0, "the projection had not started");
        factsAtKill.ShouldBeLessThan(Rows, "the projection had already caught up: nothing was interrupted");

        var again = await StartAsync();
        long rated = 0;
        for (var i = 0; i < 1_200 && rated != Rows; i++)
        {
            rated = await RatedAsync(again, "KILL-C");
            rated.ShouldBeLessThanOrEqualTo(Rows, "an answer was counted twice");
            if (rated != Rows) await Task.Delay(100);
        }
        rated.ShouldBe(Rows);
        await Task.Delay(2_000);
        (await RatedAsync(again, "KILL-C")).ShouldBe(Rows);
        (await FactsAsync()).ShouldBe(Rows);
    }
}

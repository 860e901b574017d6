using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console.Cli;

// Usage: Monitoring.Bench --server CONNECTION_STRING --api PATH/TO/Monitoring.Api.dll [--responses 1000000] [--http 20000] [--clients 16] [--violations 100000]
// [--port 5091] [--nodes 2] [--keep] [--verbose] [--verify-events 1000000]; --help lists them. Bad arguments: exit code 2.
var (parsed, parseExitCode) = await Options.ParseAsync(args);
if (parsed is not { } options) return parseExitCode;
var results = new List<(string Measure, string Figure, string Target, bool? Met)>();
void Report(string measure, string figure, string target = "", bool? met = null)
{
    results.Add((measure, figure, target, met));
    Console.WriteLine($"  {measure}: {figure}{(target.Length > 0 ? $"   (target {target}: {(met == true ? "met" : "NOT met")})" : "")}");
}

var database = $"bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
var admin = new NpgsqlConnectionStringBuilder(options.Server) { Database = "postgres" }.ConnectionString;
await Sql(admin, $"create database {database}");
// The application role the API runs as (scripts/postgres.sh makes it on the private clusters; BENCH_DB may be another server).
await Sql(admin, "do $$ begin create role monitoring_app login nosuperuser nocreatedb nocreaterole; exception when duplicate_object then null; end $$");
var connectionString = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
Console.WriteLine($"Benchmark database {database}; {options.Responses:N0} responses; {Environment.ProcessorCount} cores");

using var api = StartApi(options, connectionString);
try
{
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.Port}"), Timeout = TimeSpan.FromMinutes(10) };
    await WaitHealthy(http);
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(options));

    var (campaign, services) = await SetUp(http);
    var rows = Generate(services, options.Responses);
    var csv = Csv(rows);
    Console.WriteLine($"Generated {rows.Count:N0} answers ({csv.Length / 1024 / 1024} MiB of CSV)");

    // Reference: a raw binary COPY of the same answers, as the jsonb documents the event store keeps for them, into a
    // plain table, measured in this run.
    var copyRate = await CopyReference(connectionString, rows, campaign);
    Report("reference: raw COPY of the same rows", $"{copyRate:N0} rows/s");

    // The journal's ingest cost: after a small unmeasured warm-up, the file is imported in two halves with the leaf trigger
    // off (into a twin campaign) and two halves with it on (into the measured campaign), alternating, and the read models
    // catch up after each, so drift of the machine and projection work weigh on both alike.
    await Import(http, "BENCH-WARM", Csv(rows.Take(20_000).ToList()));
    await WaitForProjection(connectionString, TimeSpan.FromMinutes(10));
    var halves = new[] { Csv(rows.Take(rows.Count / 2).ToList()), Csv(rows.Skip(rows.Count / 2).ToList()) };
    double offSeconds = 0, onSeconds = 0;
    int offImported = 0, imported = 0;
    var importRatios = new List<double>();
    JsonElement importReport = default;
    for (var half = 0; half < 2; half++)
    {
        await Journal(connectionString, on: false);
        var off = await Import(http, "BENCH-2019-REF", halves[half]);
        (offImported, offSeconds) = (offImported + off.Imported, offSeconds + off.Seconds);
        await Journal(connectionString, on: true);
        await WaitForProjection(connectionString, TimeSpan.FromMinutes(10));
        var on = await Import(http, campaign, halves[half]);
        (imported, onSeconds, importReport) = (imported + on.Imported, onSeconds + on.Seconds, on.Report);
        importRatios.Add((on.Imported / on.Seconds) / (off.Imported / off.Seconds));
        if (half == 0) await WaitForProjection(connectionString, TimeSpan.FromMinutes(10));
    }
    var importSeconds = onSeconds;
    Console.WriteLine($"  (server side, second half: {importReport.GetProperty("checkSeconds").GetDouble():N1} s reading and checking, " +
                      $"{importReport.GetProperty("seconds").GetDouble() - importReport.GetProperty("checkSeconds").GetDouble():N1} s writing)");
    var importRate = imported / importSeconds;
    Report("bulk import over HTTP, end to end (upload, parse, validate, append; two halves)", $"{importRate:N0} responses/s ({imported:N0} in {importSeconds:N1} s)");
    Report("bulk import / raw COPY", $"{importRate / copyRate:P0}", "≥ 60 %", importRate / copyRate >= 0.60);
    var offRate = offImported / offSeconds;
    Report("reference: the same import with the journal's leaf trigger off", $"{offRate:N0} responses/s ({offImported:N0} in {offSeconds:N1} s)");
    var importRatio = importRatios.Average();
    Report("journal ingest cost, bulk import (mean of the two halves' slowdowns)", $"{1 - importRatio:P1}", "≤ 10 %", importRatio >= 0.90);

    var caughtUp = await WaitForProjection(connectionString, TimeSpan.FromMinutes(10));
    Report("read models current after the import's last batch", $"{caughtUp.TotalSeconds:N1} s", "≤ 10 s", caughtUp.TotalSeconds <= 10);

    var total = JsonDocument.Parse(await http.GetStringAsync($"/api/surveys/ratings?campaign={campaign}&by=total")).RootElement
        .GetProperty("total").GetProperty("figures").GetProperty("n").GetInt64();
    Report("answers in the read model", $"{total:N0}", $"= {imported:N0}", total == imported);
    // The API's memory through the import: the peak resident size since it started (the kernel's high-water mark, which
    // the imports above dominate), and what it holds now, beside the size of the file it was sent.
    api.Refresh();
    Report("API memory: peak working set since start (through the imports) / working set after them",
        $"{api.PeakWorkingSet64 / 1024 / 1024:N0} / {api.WorkingSet64 / 1024 / 1024:N0} MiB (the file: {csv.Length / 1024 / 1024:N0} MiB)");

    var standard = await Latencies(http, 300, i => $"/api/surveys/ratings?campaign={campaign}&by={(i % 2 == 0 ? "body" : "service")}");
    Report("standard rating query (all bodies / all services of the period), p50 / p99",
        $"{standard.P50:N1} / {standard.P99:N1} ms", "p99 ≤ 5 ms", standard.P99 <= 5);
    // Reference: the same grouping as a raw SQL GROUP BY on the fact table (the scope condition the slice uses, the six
    // counts summed), over the same connection pool, alternating with and without the channel filter as the slice does.
    var rawGroupBy = await SqlLatencies(connectionString, 20, i => $"""
        select region, gender, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(hard) from monitoring.survey_facts
        where campaign = '{campaign}' and {(i % 2 == 0 ? "scope in ('all', 'region')" : "scope in ('all', 'channel') and channels = 'Body+EGov'")}
        group by region, gender order by region, gender
        """);
    Report("reference: raw SQL GROUP BY of the same grouping on the fact table, p50 / max", $"{rawGroupBy.P50:N0} / {rawGroupBy.Max:N0} ms");
    var slice = await Latencies(http, 20, i => $"/api/surveys/slice?campaign={campaign}&groupBy=region,gender{(i % 2 == 0 ? "" : "&channel=Body%2BEGov")}");
    Report("ad-hoc slice over HTTP (group by region and gender over every answer), p50 / max",
        $"{slice.P50:N0} / {slice.Max:N0} ms ({slice.P50 / rawGroupBy.P50:N2}× the raw GROUP BY)", "≤ 2 × raw GROUP BY", slice.P50 <= 2 * rawGroupBy.P50);
    // Driver analysis streams every answer with its criterion scores into the accumulator: timed beside the slice, which
    // reads the same rows with a GROUP BY in the database.
    var drivers = await Latencies(http, 5, i => $"/api/surveys/drivers?campaign={campaign}{(i % 2 == 0 ? "" : "&channel=Body%2BEGov")}");
    Report("driver analysis (every answer's overall and criterion scores streamed), p50 / max",
        $"{drivers.P50:N0} / {drivers.Max:N0} ms ({drivers.P50 / slice.P50:N1}× the slice)");

    // Reference: in-process Marten commits of one event each by as many writers, measured before and after the HTTP rounds.
    var martenBefore = await MartenReference.SingleEventCommitsAsync(connectionString, options.Clients, Math.Max(2_000, options.HttpResponses / 4), "a");
    var (singles, singlesOff, singlesRatio) = await SingleResponses(http, campaign, services, options.HttpResponses, options.Clients, connectionString);
    var martenAfter = await MartenReference.SingleEventCommitsAsync(connectionString, options.Clients, Math.Max(2_000, options.HttpResponses / 4), "b");
    var martenRate = (martenBefore.Rate + martenAfter.Rate) / 2;
    Report($"reference: in-process Marten commits of one event each, {options.Clients} writers (before / after the HTTP rounds)",
        $"{martenRate:N0} events/s ({martenBefore.Rate:N0} / {martenAfter.Rate:N0}), p99 {Math.Max(martenBefore.P99, martenAfter.P99):N1} ms");
    Report($"single answers over HTTP, {options.Clients} concurrent clients", $"{singles.Rate:N0} responses/s ({singles.Rate / martenRate:P0} of Marten's)",
        "≥ 90 % of Marten's", singles.Rate >= 0.9 * martenRate);
    Report("single answer latency p50 / p99", $"{singles.P50:N1} / {singles.P99:N1} ms", "p99 ≤ 20 ms", singles.P99 <= 20);
    Report("reference: single answers with the journal's leaf trigger off (alternating rounds, same run)",
        $"{singlesOff.Rate:N0} responses/s, p99 {singlesOff.P99:N1} ms");
    Report("journal ingest cost, single answers (median of 5 paired rounds, off then on)", $"{1 - singlesRatio:P1}", "≤ 10 %", singlesRatio >= 0.90);
    // One node and two (a second API process on --port + 1), side by side (TwoNodes.cs).
    if (options.Nodes > 1) await TwoNodes.RunAsync(http, options, campaign, services, port => StartApi(options with { Port = port }, connectionString), WaitHealthy, Post, Report);

    await AssessmentBench(http, options, services, connectionString, Report, singles.Rate);
    await ViolationImportBench.RunAsync(http, Token(options, "inspector"), connectionString, services.Select(s => s.Code).ToList(), Report);
    await VerifyBench(http, options, connectionString, Report);
}
finally
{
    api.Kill(entireProcessTree: true);
    await api.WaitForExitAsync();
    NpgsqlConnection.ClearAllPools();
    if (!options.Keep) await Sql(admin, $"drop database if exists {database} with (force)");
}

Console.WriteLine();
Console.WriteLine("| measure | figure | target | met |");
Console.WriteLine("|---|---|---|---|");
foreach (var r in results) Console.WriteLine($"| {r.Measure} | {r.Figure} | {r.Target} | {(r.Met is null ? "" : r.Met.Value ? "yes" : "no")} |");
return 0;

static async Task Sql(string connectionString, string sql)
{
    await using var conn = new NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, conn);
    await cmd.ExecuteNonQueryAsync();
}

static Process StartApi(Options o, string connectionString)
{
    // Another API left on the port (an interrupted run) would answer in this one's place.
    using (var probe = new System.Net.Sockets.TcpClient())
    {
        try
        {
            probe.Connect("127.0.0.1", o.Port);
            throw new InvalidOperationException($"port {o.Port} is taken (an API of an interrupted run?); stop it or pass --port");
        }
        catch (System.Net.Sockets.SocketException) { }
    }
    var info = new ProcessStartInfo("dotnet", [o.ApiDll, "--urls", $"http://127.0.0.1:{o.Port}"])
    {
        RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        Environment =
        {
            // As in production (README, "Secure it"): the application role, with the benchmark's administrator as schema owner.
            ["ConnectionStrings__Monitoring"] = new NpgsqlConnectionStringBuilder(connectionString) { Username = "monitoring_app", Password = null }.ConnectionString,
            ["ConnectionStrings__MonitoringOwner"] = connectionString, ["Monitoring__DemoData"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        },
    };
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is not null && o.Verbose) Console.WriteLine($"[api] {e.Data}"); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHealthy(HttpClient http)
{
    var until = DateTime.UtcNow.AddMinutes(2);
    while (DateTime.UtcNow < until)
    {
        try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
        await Task.Delay(500);
    }
    throw new TimeoutException("the API did not come up");
}

static string Token(Options o, string role = "admin")
{
    var info = new ProcessStartInfo("dotnet", [o.ApiDll, "token", role, "--name", "bench"]) { RedirectStandardOutput = true };
    using var p = Process.Start(info)!;
    var token = p.StandardOutput.ReadToEnd().Trim();
    p.WaitForExit();
    return token;
}

static async Task<(string Campaign, List<(string Code, bool Paid)> Services)> SetUp(HttpClient http)
{
    async Task Post(string path, object body)
    {
        var r = await http.PostAsJsonAsync(path, body);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
    // The answers name these regions; the API runs without the demo data, so the benchmark registers them (409: already there).
    foreach (var region in RegionCodes())
    {
        var r = await http.PostAsJsonAsync("/api/catalogue/territories", new { code = region, country = "KZ", nameRu = $"Регион {region}" });
        if (!r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Conflict)
            throw new InvalidOperationException($"territory {region}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
    var bodies = Enumerable.Range(1, 10).Select(i => $"BENCH-B{i:D2}").ToList();
    foreach (var b in bodies)
        await Post("/api/catalogue/bodies", new { code = b, nameRu = $"Орган {b}", level = "Central", effectiveFrom = "2017-01-01" });
    var services = new List<(string, bool)>();
    for (var i = 1; i <= 40; i++)
    {
        var paid = i % 4 == 0;
        var code = $"BENCH-S{i:D2}";
        await Post("/api/catalogue/services", new
        {
            code, nameRu = $"Услуга {i}",
            passport = new
            {
                bodyCode = bodies[i % bodies.Count], level = "Central", channels = paid ? new[] { "StateCorporation" } : new[] { "Body", "EGov" },
                standardTerm = new { value = 5, unit = "WorkingDays" }, paid, effectiveFrom = "2017-01-01",
            },
        });
        services.Add((code, paid));
    }
    foreach (var twin in new[] { "BENCH-WARM", "BENCH-2019-REF" })
        await Post("/api/surveys/campaigns", new
        {
            code = twin, title = "Benchmark reference campaign", period = 2018, kind = "NationalPublicMonitoring", scale = 5,
            rankingRule = "ByMeanThenTopBox", methodology = "bench", criteria = new[] { "Trust", "StaffCompetence", "Deadlines", "FeeProportionality" },
            services = services.Select(s => s.Item1).ToArray(),
        });
    await Post("/api/surveys/campaigns", new
    {
        code = "BENCH-2019", title = "Benchmark campaign", period = 2019, kind = "NationalPublicMonitoring", scale = 5,
        rankingRule = "ByMeanThenTopBox", methodology = "bench", criteria = new[] { "Trust", "StaffCompetence", "Deadlines", "FeeProportionality" },
        services = services.Select(s => s.Item1).ToArray(),
    });
    return ("BENCH-2019", services);
}

static string[] RegionCodes() => ["KZ-AST", "KZ-ALA", "KZ-SHY", "KZ-AKM", "KZ-AKT", "KZ-ALM", "KZ-ATY", "KZ-ZAP", "KZ-ZHA", "KZ-KAR", "KZ-KUS", "KZ-KZY", "KZ-MAN", "KZ-PAV", "KZ-SEV", "KZ-VOS", "KZ-YUZ"];

static List<string[]> Generate(List<(string Code, bool Paid)> services, int count)
{
    var random = new Random(42);
    var regions = RegionCodes();
    int Score() => random.Next(100) switch { < 2 => 1, < 4 => 2, < 12 => 3, < 35 => 4, _ => 5 };
    var rows = new List<string[]>(count);
    for (var i = 0; i < count; i++)
    {
        var (code, paid) = services[random.Next(services.Count)];
        var metStaff = random.Next(3) > 0;
        rows.Add([
            $"b{i}", code, regions[random.Next(regions.Length)], paid ? "StateCorporation" : (random.Next(2) == 0 ? "Body" : "Body;EGov"),
            random.Next(30) == 0 ? "hard" : Score().ToString(), Score().ToString(), metStaff ? Score().ToString() : "", Score().ToString(),
            paid ? Score().ToString() : "", metStaff ? "true" : "false", random.Next(20) == 0 ? "Oral" : "No", random.Next(25) == 0 ? "yes" : "no",
            random.Next(10) == 0 ? "yes" : "no", random.Next(2) == 0 ? "Female" : "Male", random.Next(60).ToString(),
        ]);
    }
    return rows;
}

static byte[] Csv(List<string[]> rows)
{
    var sb = new StringBuilder("response_id,service,region,channels,overall,trust,staff_competence,deadlines,fee_proportionality,met_staff,complaint,informal_payment,used_connections,gender,queue_submit_minutes\n");
    foreach (var r in rows) sb.AppendJoin(',', r).Append('\n');
    return Encoding.UTF8.GetBytes(sb.ToString());
}

static Task<double> CopyReference(string connectionString, List<string[]> rows, string campaign) =>
    RawCopy.RowsPerSecondAsync(connectionString, rows.Select(r => JsonSerializer.Serialize(AsStoredAnswer(r, campaign), RawCopy.Stored)).ToList());

// The answer as the event store keeps it (one element of an imported batch event).
static Monitoring.Domain.Surveys.ImportedAnswer AsStoredAnswer(string[] r, string campaign)
{
    int? Score(string s) => s.Length == 0 || s == "hard" ? null : int.Parse(s);
    var criteria = new Dictionary<string, int?> { ["Trust"] = Score(r[5]) };
    if (r[6].Length > 0) criteria["StaffCompetence"] = Score(r[6]);
    criteria["Deadlines"] = Score(r[7]);
    if (r[8].Length > 0) criteria["FeeProportionality"] = Score(r[8]);
    return new(r[0], 2, r[1], "BENCH-B01", null, r[2],
        r[3].Split(';').Select(Enum.Parse<Monitoring.Domain.Catalogue.Channel>).ToList(), Score(r[4]), criteria, r[9] == "true",
        Enum.Parse<Monitoring.Domain.Surveys.ComplaintMade>(r[10]), null, r[11] == "yes", r[12] == "yes", null, null, int.Parse(r[14]), null, null,
        Enum.Parse<Monitoring.Domain.Surveys.Gender>(r[13]), null);
}

static async Task<TimeSpan> WaitForProjection(string connectionString, TimeSpan limit)
{
    var clock = Stopwatch.StartNew();
    await using var conn = new NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    while (clock.Elapsed < limit)
    {
        await using var cmd = new NpgsqlCommand("""
            select coalesce((select min(last_seq_id) from monitoring.mt_event_progression where name like 'SurveyFacts%'), 0),
                   coalesce((select max(seq_id) from monitoring.mt_events), 0)
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt64(0) >= reader.GetInt64(1)) return clock.Elapsed;
        await Task.Delay(200);
    }
    throw new TimeoutException("the projection did not catch up");
}

static async Task<Stats> SqlLatencies(string connectionString, int count, Func<int, string> sql)
{
    await using var conn = new NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    async Task Run(int i)
    {
        await using var cmd = new NpgsqlCommand(sql(i), conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
    await Run(0); // warm-up, as for the HTTP figures
    var times = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        await Run(i);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    return Stats.Of(times, 0);
}

static async Task<Stats> Latencies(HttpClient http, int count, Func<int, string> path)
{
    await http.GetAsync(path(0)); // warm-up
    var times = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        var r = await http.GetAsync(path(i));
        r.EnsureSuccessStatusCode();
        await r.Content.ReadAsByteArrayAsync();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    return Stats.Of(times, 0);
}

static async Task<(Stats On, Stats Off, double MedianRatio)> SingleResponses(HttpClient http, string campaign, List<(string Code, bool Paid)> services,
    int total, int clients, string connectionString)
{
    // Warm-up (not counted): the first requests pay for JIT compilation and connection set-up.
    await Post(http, campaign, services, clients, 1_000, "warm", null);
    // Pairs of rounds, the leaf trigger off then on; between them the leaves held back are written and sealed, so an
    // "on" round seals only its own. The cost is the median of the pairs' ratios: drift of the machine hits both halves.
    var on = new System.Collections.Concurrent.ConcurrentBag<double>();
    var off = new System.Collections.Concurrent.ConcurrentBag<double>();
    double onSeconds = 0, offSeconds = 0;
    const int pairs = 5;
    var round = Math.Max(1, total / (2 * pairs));
    var ratios = new List<double>();
    for (var p = 0; p < pairs; p++)
    {
        await Journal(connectionString, on: false);
        var clock = Stopwatch.StartNew();
        await Post(http, campaign, services, clients, round, $"off{p}", off);
        var offRound = clock.Elapsed.TotalSeconds;
        await Journal(connectionString, on: true);
        clock.Restart();
        await Post(http, campaign, services, clients, round, $"on{p}", on);
        var onRound = clock.Elapsed.TotalSeconds;
        (offSeconds, onSeconds) = (offSeconds + offRound, onSeconds + onRound);
        ratios.Add(offRound / onRound);
    }
    ratios.Sort();
    return (Stats.Of(on.ToList(), on.Count / onSeconds), Stats.Of(off.ToList(), off.Count / offSeconds), ratios[ratios.Count / 2]);
}

static async Task<(int Imported, double Seconds, JsonElement Report)> Import(HttpClient http, string campaign, byte[] csv)
{
    var clock = Stopwatch.StartNew();
    var response = await http.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new ByteArrayContent(csv)
    {
        Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
    });
    var seconds = clock.Elapsed.TotalSeconds;
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
    var report = JsonDocument.Parse(body).RootElement.Clone();
    return (report.GetProperty("imported").GetInt32(), seconds, report);
}

/// <summary>
/// Switches the journal's leaf trigger off (for a reference measurement) or back on. Back on, the events appended
/// meanwhile get their leaves with the trigger's own function, so the store still verifies intact at the end.
/// </summary>
static async Task Journal(string connectionString, bool on)
{
    await Sql(connectionString, $"alter table monitoring.mt_events {(on ? "enable" : "disable")} trigger mt_journal_leaf");
    if (on)
        await Sql(connectionString, """
            insert into monitoring.journal_leaves (seq_id, event_id, stream_id, version, type, recorded_micros, user_name, correlation_id, causation_id,
                                                   data_hash, meta_hash, leaf)
            select e.seq_id, e.id, e.stream_id, e.version, e.type, h.micros, e.user_name, e.correlation_id, e.causation_id, h.data_hash, h.meta_hash, h.leaf
            from monitoring.mt_events e cross join lateral monitoring.mt_journal_hashes(e) h
            where not exists (select 1 from monitoring.journal_leaves l where l.seq_id = e.seq_id)
            """);
    if (!on) return;
    // Then wait until the sealer has placed them (sealed late, as gaps), so the next measurement seals only its own.
    var clock = Stopwatch.StartNew();
    await using var conn = new NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    while (clock.Elapsed < TimeSpan.FromMinutes(5))
    {
        await using var cmd = new NpgsqlCommand("""
            select count(*) from monitoring.journal_gaps g join monitoring.journal_leaves l on l.seq_id = g.seq_id
            where not exists (select 1 from monitoring.journal_tree t where t.seq_id = g.seq_id)
            """, conn);
        if ((long)(await cmd.ExecuteScalarAsync())! == 0) return;
        await Task.Delay(100);
    }
    throw new TimeoutException("the journal did not seal the leaves written after the trigger was back on");
}

/// <summary>
/// Verification of the whole journal over at least <c>--verify-events</c> events: the store is topped up with small
/// events (violations of filler streams, written by SQL with the trigger on), sealed, and verified through the API.
/// </summary>
static async Task VerifyBench(HttpClient http, Options o, string connectionString, Action<string, string, string, bool?> report)
{
    var missing = o.VerifyEvents - await CountEvents(connectionString);
    if (missing > 0)
    {
        var clock = Stopwatch.StartNew();
        const int perStream = 1_000;
        var streams = (missing + perStream - 1) / perStream;
        await Sql(connectionString, $"""
            insert into monitoring.mt_streams (id, type, version, timestamp, created, tenant_id)
            select 'bench-journal:' || s, null, {perStream}, now(), now(), '*DEFAULT*' from generate_series(1, {streams}) s
            """);
        for (long from = 0; from < missing; from += 100_000)
            await Sql(connectionString, $"""
                insert into monitoring.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id,
                                                  causation_id, headers, user_name, is_archived)
                select nextval('monitoring.mt_events_sequence'), gen_random_uuid(), 'bench-journal:' || (g / {perStream} + 1), g % {perStream} + 1,
                       jsonb_build_object('inspectionId', 'BENCH-J' || (g / {perStream} + 1), 'violationId', 'v' || g, 'type', 'DeadlineBreach',
                                          'serviceCode', 'BENCH-S01', 'period', 2019, 'count', 1 + g % 7, 'counted', 1 + g % 7,
                                          'evidence', 'Акт проверки № ' || g || ', пункт 3: нарушение срока оказания услуги'),
                       'violation_recorded', now(), '*DEFAULT*', 'Monitoring.Domain.Inspections.ViolationRecorded', 'bench:' || g, null, null,
                       'bench (filler)', false
                from generate_series({from}, {Math.Min(missing, from + 100_000) - 1}) g
                """);
        Console.WriteLine($"  (added {missing:N0} filler events by SQL with the trigger on in {clock.Elapsed.TotalSeconds:N0} s)");
    }
    var events = await CountEvents(connectionString);
    var sealing = Stopwatch.StartNew();
    while (true)
    {
        var state = JsonDocument.Parse(await http.GetStringAsync("/api/journal")).RootElement.GetProperty("state");
        if (state.GetProperty("treeSize").GetInt64() >= events) break;
        if (sealing.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"the journal did not seal {events:N0} events: {state}");
        await Task.Delay(500);
    }
    report("journal sealed after the filler events", $"{sealing.Elapsed.TotalSeconds:N1} s", "", null);
    await http.PostAsync("/api/journal/digests", JsonContent.Create(new { reason = "bench" }));

    var verify = Stopwatch.StartNew();
    var result = JsonDocument.Parse(await http.GetStringAsync("/api/journal/verify")).RootElement;
    var seconds = verify.Elapsed.TotalSeconds;
    var checkedEvents = result.GetProperty("eventsChecked").GetInt64();
    report($"verify the whole journal over HTTP ({checkedEvents:N0} events, every digest)",
        $"{seconds:N1} s ({checkedEvents / seconds:N0} events/s), {result.GetProperty("status").GetString()}",
        "< 60 s for 1M, intact", seconds < 60 * Math.Max(1.0, checkedEvents / 1_000_000.0) && result.GetProperty("status").GetString() == "intact");
}

static async Task Post(HttpClient http, string campaign, List<(string Code, bool Paid)> services, int clients, int total, string prefix,
    System.Collections.Concurrent.ConcurrentBag<double>? times)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        while (true)
        {
            var i = Interlocked.Increment(ref next);
            if (i >= total) return;
            var (code, paid) = services[i % services.Count];
            var content = JsonContent.Create(new
            {
                responseId = $"{prefix}-{i}", serviceCode = code, regionCode = "KZ-KAR", channels = new[] { paid ? "StateCorporation" : "Body" },
                overall = 1 + i % 5, criterionScores = new Dictionary<string, int?> { ["Trust"] = 5 }, informalPayment = false,
            });
            var t = Stopwatch.StartNew();
            var r = await http.PostAsync($"/api/surveys/campaigns/{campaign}/responses", content);
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            times?.Add(t.Elapsed.TotalMilliseconds);
        }
    }));
}

// Explain and as-of of one body's assessment with the survey answers above and the violations recorded here in the store:
// the violations are spread over 50 bodies (100 inspections of 20 each per body), recorded over HTTP by 16 inspectors.
static async Task AssessmentBench(HttpClient http, Options o, List<(string Code, bool Paid)> services, string connectionString,
    Action<string, string, string, bool?> report, double singleAnswerRate)
{
    async Task Send(HttpClient client, string path, object body)
    {
        var r = await client.PostAsJsonAsync(path, body);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
    HttpClient As(string role) => new()
    {
        BaseAddress = http.BaseAddress, Timeout = http.Timeout,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Token(o, role)) },
    };
    using var inspector = As("inspector");
    using var assessor = As("assessor");

    var bodies = Enumerable.Range(1, 10).Select(i => $"BENCH-B{i:D2}").ToList();
    for (var i = 11; i <= 50; i++)
    {
        var code = $"BENCH-B{i:D2}";
        await Send(http, "/api/catalogue/bodies", new { code, nameRu = $"Орган {code}", level = "Central", effectiveFrom = "2017-01-01" });
        bodies.Add(code);
    }
    var target = bodies[1]; // BENCH-B02: owns services with ~100,000 of the survey answers
    var perBody = Math.Max(1, o.Violations / 20 / bodies.Count);
    var inspections = bodies.SelectMany(b => Enumerable.Range(0, perBody).Select(i => (Body: b, Id: $"{b}-I{i:D4}"))).ToList();
    var types = new[] { "DeadlineBreach", "IncompletePackage", "ExtraDocumentsDemanded", "BusinessProcessBreach", "UnjustifiedRefusal" };
    var clock = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(async _ =>
    {
        while (true)
        {
            var n = Interlocked.Increment(ref next);
            if (n >= inspections.Count) return;
            var (body, id) = inspections[n];
            var service = services[n % services.Count].Code;
            await Send(inspector, "/api/inspections", new
            {
                inspectionId = id, bodyCode = body, kind = "Planned", services = new[] { service }, periodFrom = "2019-01-01", periodTo = "2019-12-31",
                legalBasis = "План проверок", openedOn = "2020-01-15",
            });
            for (var v = 0; v < 20; v++)
                await Send(inspector, $"/api/inspections/{id}/violations", new
                {
                    violationId = $"v{v}", type = types[(n + v) % types.Length], serviceCode = service, period = 2019, count = 1 + v % 3, evidence = "Акт",
                });
        }
    }));
    var recorded = inspections.Count * 20;
    var violationRate = recorded / clock.Elapsed.TotalSeconds;
    report($"violations recorded over HTTP, {o.Clients} inspectors in different inspections (each opened too)",
        $"{violationRate:N0}/s ({recorded:N0} in {clock.Elapsed.TotalSeconds:N0} s), {violationRate / singleAnswerRate:P0} of the single-answer rate",
        "≥ 90 % of the single-answer rate", violationRate >= 0.9 * singleAnswerRate);

    var lines = services.Where(s => s.Code.EndsWith("2") || s.Code.EndsWith("12")).Select(s => new { serviceCode = s.Code, channel = "Body", delivered = 250_000, refusals = 3 }).ToArray();
    foreach (var period in new[] { 2018, 2019 })
        await Send(http, "/api/reports/deliveries", new
        {
            reference = $"{target}-{period}", source = "BodyReport", bodyCode = target, period, lines, lateDataSubmissions = 0,
            lateDeliveries = Enumerable.Range(0, period == 2019 ? 300 : 400).Select(i => new { reference = $"L{period}-{i}", serviceCode = lines[0].serviceCode }).ToArray(),
        });
    await Send(http, "/api/reports/internal-control", new
    {
        reference = $"{target}-2019-ic", bodyCode = target, period = 2019, controlMeasures = 100, violationsFound = 50, officialsDisciplined = 5,
        deadlineViolationsFound = 60, violationsByType = new Dictionary<string, long> { ["IncompletePackage"] = 10 },
    });
    await Send(assessor, "/api/assessments", new { bodyCode = target, period = 2019, methodologyCode = "KZ-2017", previousFinal = 50, previousFinalSource = "bench" });
    await Send(assessor, $"/api/assessments/{target}/2019/penalties", new { penaltyId = "p1", points = 1, reason = "bench", legalBasis = "bench" });
    await Send(assessor, $"/api/assessments/{target}/2019/revisions", new { reason = (string?)null });
    var publishedAt = DateTimeOffset.UtcNow;
    await Task.Delay(1_000);
    // After publication: one more violation and a revocation, so that as-of and live differ.
    await Send(inspector, $"/api/inspections/{target}-I0000/violations/v0/revoke", new { reason = "bench" });

    var scorecard = JsonDocument.Parse(await http.GetStringAsync($"/api/assessments/{target}/2019")).RootElement;
    var events = await CountEvents(connectionString);
    Console.WriteLine($"  (store: {events:N0} events; {target} 2019 final {scorecard.GetProperty("scorecard").GetProperty("final").GetDecimal()}, " +
                      $"evidence up to sequence {scorecard.GetProperty("evidenceSequence").GetInt64():N0})");
    var asOf = Uri.EscapeDataString(publishedAt.ToString("O"));
    var reference = await Latencies(http, 100, _ => $"/api/surveys/ratings?campaign=BENCH-2019&by=body");
    report("reference: standard rating query in the same run, p50 / p99", $"{reference.P50:N1} / {reference.P99:N1} ms", "", null);
    // Timed after 50 untimed rounds, as the single answers are after theirs: the first read of the body's events fills the
    // API's event cache (later reads check their row versions and re-read only what changed), and the code reaches its final
    // JIT tier after some dozens of calls.
    for (var i = 0; i < 50; i++)
        foreach (var path in new[] { "", "/explain?figure=final", $"?asOf={asOf}" }) await http.GetByteArrayAsync($"/api/assessments/{target}/2019{path}");
    string Times(Stats s) => $"{s.P50:N1} / {s.P99:N1} ms ({s.P99 / reference.P99:N1}× the rating query's p99)";
    var live = await Latencies(http, 100, _ => $"/api/assessments/{target}/2019");
    report("assessment scorecard, live, p50 / p99", Times(live), "p99 ≤ 50 ms", live.P99 <= 50);
    var explain = await Latencies(http, 100, i => $"/api/assessments/{target}/2019/explain?figure={(i % 2 == 0 ? "final" : "3")}");
    report("explain (final / criterion 3, events behind every input), p50 / p99", Times(explain), "p99 ≤ 50 ms", explain.P99 <= 50);
    var past = await Latencies(http, 100, _ => $"/api/assessments/{target}/2019?asOf={asOf}");
    report("as of the publication moment, p50 / p99", Times(past), "p99 ≤ 50 ms", past.P99 <= 50);
    var diff = await Latencies(http, 50, _ => $"/api/assessments/{target}/2019/diff?fromRevision=1");
    report("diff since revision 1, p50 / p99", Times(diff), "", null);
    // History applies the body's evidence event by event (several thousand events here) and recomputes the figure after each.
    var history = await Latencies(http, 20, i => $"/api/assessments/{target}/2019/history?figure={(i % 2 == 0 ? "final" : "3.2")}");
    report("history of one figure (final / indicator 3.2, every evidence event applied in turn), p50 / worst of 20",
        $"{history.P50:N0} / {history.Max:N0} ms", "p50 ≤ 100 ms", history.P50 <= 100);
}

static async Task<long> CountEvents(string connectionString)
{
    await using var conn = new NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand("select count(*) from monitoring.mt_events", conn);
    return (long)(await cmd.ExecuteScalarAsync())!;
}

sealed record Stats(double P50, double P99, double Max, double Rate)
{
    public static Stats Of(List<double> times, double rate)
    {
        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return new Stats(At(0.50), At(0.99), times[^1], rate);
    }
}

sealed record Options(string Server, string ApiDll, int Responses, int HttpResponses, int Clients, int Port, bool Keep, bool Verbose, int Violations,
    long VerifyEvents, int Nodes)
{
    // Spectre parses and checks the options and hands them back (none after --help: exit 0; bad arguments: exit 2); the
    // bench itself stays the top level of this file.
    public static async Task<(Options? Options, int ExitCode)> ParseAsync(string[] args)
    {
        var app = new CommandApp<Capture>();
        app.Configure(config =>
        {
            config.SetApplicationName("Monitoring.Bench");
            config.PropagateExceptions(); // parse and validation errors come back here, to exit with 2
            config.UseStrictParsing();
        });
        try
        {
            var code = await app.RunAsync(args);
            return (Capture.Parsed, code);
        }
        catch (CommandAppException e)
        {
            Console.Error.WriteLine(e.Message);
            return (null, 2);
        }
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--server <CONNECTION_STRING>"), Description("A PostgreSQL server; the bench makes a database of its own on it")]
        public string? Server { get; init; }
        [CommandOption("--api <PATH>"), Description("PATH/TO/Monitoring.Api.dll")]
        public string? Api { get; init; }
        [CommandOption("--responses <N>"), DefaultValue(1000000)]
        public int Responses { get; init; } = 1000000;
        [CommandOption("--http <N>"), Description("Answers sent one by one over HTTP"), DefaultValue(20000)]
        public int Http { get; init; } = 20000;
        [CommandOption("--clients <N>"), DefaultValue(16)]
        public int Clients { get; init; } = 16;
        [CommandOption("--port <PORT>"), Description("The API's port"), DefaultValue(5091)]
        public int Port { get; init; } = 5091;
        [CommandOption("--nodes <N>"), Description("2: also single answers spread over two API nodes (1: one node only)"), DefaultValue(2)]
        public int Nodes { get; init; } = 2;
        [CommandOption("--keep"), Description("Keep the benchmark database")]
        public bool Keep { get; init; }
        [CommandOption("--verbose")]
        public bool Verbose { get; init; }
        [CommandOption("--violations <N>"), DefaultValue(100000)]
        public int Violations { get; init; } = 100000;
        [CommandOption("--verify-events <N>"), DefaultValue(1000000L)]
        public long VerifyEvents { get; init; } = 1000000;

        public override Spectre.Console.ValidationResult Validate() =>
            Server is null ? Spectre.Console.ValidationResult.Error("--server CONNECTION_STRING is required")
            : Api is null ? Spectre.Console.ValidationResult.Error("--api PATH/TO/Monitoring.Api.dll is required")
            : Nodes is < 1 or > 2 ? Spectre.Console.ValidationResult.Error("--nodes is 1 or 2")
            : Spectre.Console.ValidationResult.Success();
    }

    public sealed class Capture : Command<Settings>
    {
        public static Options? Parsed;

        public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
        {
            Parsed = new Options(s.Server!, s.Api!, s.Responses, s.Http, s.Clients, s.Port, s.Keep, s.Verbose, s.Violations, s.VerifyEvents, s.Nodes);
            return 0;
        }
    }
}

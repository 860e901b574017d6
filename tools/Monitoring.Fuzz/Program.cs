using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Configuration;
using Monitoring.Api.Auth;
using Monitoring.Fuzzing;
using Monitoring.Projections;

// monitoring-fuzz [--base-url URL] [--requests N] [--seed N] [--connection CS] [--schema NAME] [--signing-key KEY]
//                 [--api-dir DIR] [--report FILE.json] [--examples N] [--timeout SECONDS] [--api-log FILE] [--max-minutes M]
// Sends every write operation of the API's OpenAPI document, plausible and then mutated one thing at a time, and checks:
// no 5xx; every 4xx is ProblemDetails; a refused request leaves the event store as it was. Exit code 1 on any 5xx,
// dropped request or state change; 2 on bad arguments or when the system is not reachable.

string? Option(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
int IntOption(string name, int fallback) => Option(name) is { } v ? int.Parse(v) : fallback;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("monitoring-fuzz [--base-url URL] [--requests N] [--seed N] [--connection CS] [--schema NAME] [--signing-key KEY] " +
                      "[--api-dir DIR] [--report FILE.json] [--examples N] [--timeout SECONDS] [--api-log FILE] [--max-minutes M]");
    return 0;
}

var baseUrl = Option("--base-url") ?? Environment.GetEnvironmentVariable("FUZZ_BASE_URL") ?? "http://127.0.0.1:5089";
var requests = IntOption("--requests", 2000);
var seed = IntOption("--seed", 1);
var examples = IntOption("--examples", 3);
var connection = Option("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Monitoring");
var schema = Option("--schema") ?? Environment.GetEnvironmentVariable("Monitoring__Schema") ?? MonitoringStore.DefaultSchema;
if (string.IsNullOrWhiteSpace(connection))
{
    Console.Error.WriteLine("No database: pass --connection or set ConnectionStrings__Monitoring (the API's database, read to check the event store).");
    return 2;
}

// The key: --signing-key, else Auth__SigningKey, else the API's appsettings(.Development).json from its output folder.
var apiDir = Option("--api-dir") ?? FindApiOutput();
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(apiDir ?? ".", "appsettings.json"), optional: true)
    .AddJsonFile(Path.Combine(apiDir ?? ".", "appsettings.Development.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
var jwt = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
if (Option("--signing-key") is { } key) jwt.SigningKey = key;
if (string.IsNullOrWhiteSpace(jwt.SigningKey))
{
    Console.Error.WriteLine("No signing key: pass --signing-key, set Auth__SigningKey, or build the API (its appsettings are read from --api-dir).");
    return 2;
}
var token = jwt.Issue("fuzzer", Roles.All, null, DateTimeOffset.UtcNow);

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan,
};
http.DefaultRequestHeaders.Authorization = new("Bearer", token);

using var store = DocumentStore.For(o =>
{
    MonitoringStore.Configure(o, connection, schema);
    // The API owns the schema: the fuzzer only reads, and must not migrate anything.
    o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
});

OpenApiDocument document;
try
{
    document = await OpenApiDocument.LoadAsync(http);
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"The API at {baseUrl} is not reachable: {e.Message}");
    return 2;
}

Console.Error.WriteLine($"[fuzz] seeding a body, a service, a campaign, inspections, a complaint and an assessment at {baseUrl}");
var ids = await FuzzSeed.CreateAsync(http, FuzzSeed.NewSuffix());
var factory = new RequestFactory(document, ids);
Console.Error.WriteLine($"[fuzz] {factory.Operations.Count} write operations, {factory.TotalMutations:N0} mutations in the catalogue; " +
                        $"sending {requests:N0} requests (seed {seed})");

var runner = new FuzzRunner(http, new MartenEventStoreProbe(store))
{
    Timeout = TimeSpan.FromSeconds(IntOption("--timeout", 120)),
    ApiLog = Option("--api-log"),
};
var report = new FuzzReport(examples);
var watch = Stopwatch.StartNew();
// Ctrl+C or --max-minutes stops sending and still prints what was found: a large run on a growing store can be long.
using var stop = new CancellationTokenSource();
if (Option("--max-minutes") is { } minutes) stop.CancelAfter(TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
foreach (var fuzzCase in FuzzPlan.Cases(factory, requests, seed))
{
    if (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine($"[fuzz] stopped after {report.Sent:N0} of {requests:N0} requests (time budget or Ctrl+C)");
        break;
    }
    var outcome = await runner.SendAsync(factory.Build(fuzzCase));
    report.Add(outcome);
    if (report.Sent % 1000 == 0)
        Console.Error.WriteLine($"[fuzz] {report.Sent:N0} sent in {watch.Elapsed:mm\\:ss}; 5xx {report.ServerErrors}, state changes {report.StateChanges}");
}

Console.WriteLine();
Console.WriteLine($"Fuzzing {baseUrl}: {report.Sent:N0} of {requests:N0} requests in {watch.Elapsed:hh\\:mm\\:ss} (seed {seed})");
Console.WriteLine(report.Summary());
if (Option("--report") is { } reportFile)
{
    await File.WriteAllTextAsync(reportFile, report.ToJson());
    Console.Error.WriteLine($"[fuzz] report written to {reportFile}");
}
return report.Failed ? 1 : 0;

// The API's Release (then Debug) output folder, looked for upwards from the working directory.
static string? FindApiOutput()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        foreach (var config in new[] { "Release", "Debug" })
        {
            var candidate = Path.Combine(dir.FullName, "src", "Api", "bin", config, "net10.0");
            if (File.Exists(Path.Combine(candidate, "Monitoring.Api.dll"))) return candidate;
        }
    return null;
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Marten;
using Microsoft.Extensions.Configuration;
using Monitoring.Api.Auth;
using Monitoring.Fuzzing;
using Monitoring.Projections;
using Spectre.Console;
using Spectre.Console.Cli;

// monitoring-fuzz [--base-url URL] [--requests N] [--seed N] [--connection CS] [--schema NAME] [--signing-key KEY]
//                 [--api-dir DIR] [--report FILE.json] [--examples N] [--timeout SECONDS] [--api-log FILE] [--max-minutes M]
// Sends every write operation of the API's OpenAPI document, plausible and then mutated one thing at a time, and checks:
// no 5xx; every 4xx is ProblemDetails; a refused request leaves the event store as it was. Exit code 1 on any 5xx,
// dropped request or state change; 2 on bad arguments or when the system is not reachable.

var app = new CommandApp<FuzzCommand>();
app.Configure(config =>
{
    config.SetApplicationName("monitoring-fuzz");
    // Parse and validation errors come back here, to exit with 2 (Spectre's own answer is -1).
    config.PropagateExceptions();
    config.UseStrictParsing();
    config.SetApplicationCulture(CultureInfo.InvariantCulture);
});
try
{
    return await app.RunAsync(args);
}
catch (CommandAppException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

sealed class FuzzCommand : AsyncCommand<FuzzCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--base-url <URL>"), Description("The API (default: FUZZ_BASE_URL, else http://127.0.0.1:5089)")]
        public string BaseUrl { get; init; } = Environment.GetEnvironmentVariable("FUZZ_BASE_URL") ?? "http://127.0.0.1:5089";

        [CommandOption("--requests <N>"), Description("Requests to send"), DefaultValue(2000)]
        public int Requests { get; init; } = 2000;

        [CommandOption("--seed <N>"), Description("Seed of the plan"), DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--connection <CS>"), Description("The API's database, read to check the event store (default: ConnectionStrings__Monitoring)")]
        public string? Connection { get; init; } = Environment.GetEnvironmentVariable("ConnectionStrings__Monitoring");

        [CommandOption("--schema <NAME>"), Description("Schema of the event store (default: Monitoring__Schema, else monitoring)")]
        public string Schema { get; init; } = Environment.GetEnvironmentVariable("Monitoring__Schema") ?? MonitoringStore.DefaultSchema;

        [CommandOption("--signing-key <KEY>"), Description("The API's token key (default: Auth__SigningKey, else the API's appsettings)")]
        public string? SigningKey { get; init; }

        [CommandOption("--api-dir <DIR>"), Description("The API's output folder, for its appsettings (default: found upwards from here)")]
        public string? ApiDir { get; init; }

        [CommandOption("--report <FILE.json>"), Description("Write the report as JSON")]
        public string? Report { get; init; }

        [CommandOption("--examples <N>"), Description("Examples kept per failure class"), DefaultValue(3)]
        public int Examples { get; init; } = 3;

        [CommandOption("--timeout <SECONDS>"), Description("Timeout of one request"), DefaultValue(120)]
        public int Timeout { get; init; } = 120;

        [CommandOption("--api-log <FILE>"), Description("The API's log, read for the exception behind a 5xx")]
        public string? ApiLog { get; init; }

        [CommandOption("--max-minutes <M>"), Description("Stop sending after this long and still report")]
        public double? MaxMinutes { get; init; }

        public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Connection)
            ? ValidationResult.Error("No database: pass --connection or set ConnectionStrings__Monitoring (the API's database, read to check the event store).")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (baseUrl, requests, seed, examples, connection, schema) =
            (settings.BaseUrl, settings.Requests, settings.Seed, settings.Examples, settings.Connection!, settings.Schema);
        // The key: --signing-key, else Auth__SigningKey, else the API's appsettings(.Development).json from its output folder.
        var apiDir = settings.ApiDir ?? FindApiOutput();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(apiDir ?? ".", "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(apiDir ?? ".", "appsettings.Development.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var jwt = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        if (settings.SigningKey is { } key) jwt.SigningKey = key;
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
            Timeout = TimeSpan.FromSeconds(settings.Timeout),
            ApiLog = settings.ApiLog,
        };
        var report = new FuzzReport(examples);
        var watch = Stopwatch.StartNew();
        // Ctrl+C or --max-minutes stops sending and still prints what was found: a large run on a growing store can be long.
        using var stop = new CancellationTokenSource();
        if (settings.MaxMinutes is { } minutes) stop.CancelAfter(TimeSpan.FromMinutes(minutes));
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
        if (settings.Report is { } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, report.ToJson());
            Console.Error.WriteLine($"[fuzz] report written to {reportFile}");
        }
        return report.Failed ? 1 : 0;
    }

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
}

using System.Diagnostics;
using System.Net;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Cli;

/// <summary>
/// The command line tool (tools/Monitoring.Cli) run as a process, as <c>./cli.sh</c> runs it: a bad invocation is exit
/// code 2 with a sentence naming the problem, and an import into a campaign opened through the API is exit code 0 with
/// the count it imported.
/// </summary>
public sealed class CommandLineTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Monitoring.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Monitoring.sln");
        var dll = new[] { "Release", "Debug" }.Select(c => Path.Combine(root, "tools", "Monitoring.Cli", "bin", c, "net10.0", "monitoring.dll"))
            .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        dll.ShouldNotBeNull("the command line tool is built with the solution");
        var info = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Nothing from the test run's environment decides which database the tool finds.
        foreach (var name in new[] { "ConnectionStrings__Monitoring", "ConnectionStrings__MonitoringOwner", "Journal__SigningKey" })
            info.Environment.Remove(name);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Theory]
    [InlineData("No such file: (none)", "import-responses", "--campaign", "C1", "--connection", "Host=127.0.0.1")]
    [InlineData("No such file: /no/such/answers.csv", "import-responses", "--campaign", "C1", "--file", "/no/such/answers.csv", "--connection", "Host=127.0.0.1")]
    [InlineData("Unknown option 'campain'", "import-responses", "--campain", "C1", "--connection", "Host=127.0.0.1")]
    [InlineData("No database: pass --connection or set ConnectionStrings__Monitoring", "verify", "--json")]
    [InlineData("Unknown command 'improt-responses'", "improt-responses")]
    public async Task A_bad_invocation_is_exit_code_2_and_names_the_problem(string problem, params string[] args)
    {
        var (exit, output) = await RunAsync(NoEnvironment, args);
        exit.ShouldBe(2, output);
        output.ShouldContain(problem, Case.Sensitive, output);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_their_options()
    {
        var (exit, output) = await RunAsync(NoEnvironment, "--help");
        exit.ShouldBe(0, output);
        output.ShouldContain("import-responses");
        output.ShouldContain("import-published");
        output.ShouldContain("verify");
        (exit, output) = await RunAsync(NoEnvironment, "import-responses", "--help");
        exit.ShouldBe(0, output);
        foreach (var option in new[] { "--campaign", "--file", "--format", "--skip-invalid", "--connection", "--user", "--schema" }) output.ShouldContain(option);
    }

    [Fact]
    public async Task A_csv_imported_into_a_campaign_opened_through_the_api_prints_the_count()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        await admin.Created(admin.RegisterBody(CatalogueApi.Body($"B{id}")));
        await admin.Created(admin.RegisterService(new
        {
            code = $"F{id}", nameRu = "Бесплатная услуга", passport = CatalogueApi.Passport($"B{id}", channels: ["Body", "EGov"]),
        }));
        var opened = await fixture.Client("analyst").PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = $"C{id}", title = "Волна из командной строки", period = 2019, kind = "NationalPublicMonitoring", scale = 5,
            rankingRule = "ByMeanThenTopBox", methodology = "KZ-2018", smallSampleThreshold = 2, criteria = new[] { "Trust" }, services = new[] { $"F{id}" },
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var csv = Path.Combine(Path.GetTempPath(), $"cli-{id}.csv");
        await File.WriteAllTextAsync(csv, "response_id,service,region,channels,overall,trust,complaint,informal_payment,gender\n" +
                                          $"cli-1,F{id},KZ-KAR,EGov,5,5,No,no,Female\n" +
                                          $"cli-2,F{id},KZ-KAR,Body;EGov,4,hard,No,no,Male\n" +
                                          $"cli-3,F{id},KZ-KAR,Body,hard,4,Written,yes,Female\n");
        try
        {
            // As ./cli.sh runs it: the owner migrates and grants, the import runs as the application role.
            var (exit, output) = await RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__MonitoringOwner"] = fixture.OwnerConnectionString },
                "import-responses", "--campaign", $"C{id}", "--file", csv, "--connection", fixture.ConnectionString, "--user", "cli-test");
            exit.ShouldBe(0, output);
            output.ShouldContain("Imported 3 of 3 rows", Case.Sensitive, output);
        }
        finally { File.Delete(csv); }
    }
}

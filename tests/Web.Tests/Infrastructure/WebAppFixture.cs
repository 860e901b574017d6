using System.Diagnostics;
using System.Text.RegularExpressions;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Web.Tests.Infrastructure;

/// <summary>
/// The system as a newcomer starts it with <c>./run.sh</c>: the API's build output run as a process in Development with
/// its demo data, on a database of its own (migrated by the owner, served as the application role), and a headless
/// Chromium from Debian's package driving it. One per test run: the demo data takes a while to load.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public string BaseUrl { get; private set; } = "";
    public string Database { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private ApiProcess? _api;
    private string _dll = "";
    private readonly TaskCompletionSource _demoLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (./test.sh does it when it can).");
        Database = await TestDatabaseServer.CreateDatabaseAsync("web");
        var app = await TestDatabaseServer.AppConnectionStringAsync(Database);
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = _dll = Path.Combine(RepositoryRoot, "src", "Api", "bin", configuration, "net10.0", "Monitoring.Api.dll");
        _api = ApiProcess.Start(dll, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__MonitoringOwner"] = Database,
            ["ConnectionStrings__Monitoring"] = app,
            ["Monitoring__DemoData"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
        }, line =>
        {
            if (line.Contains("assessment steps recorded")) _demoLoaded.TrySetResult();
        });
        BaseUrl = _api.BaseUrl;

        // The demo data's last step is the Karaganda 2017 assessment.
        var loaded = await Task.WhenAny(_demoLoaded.Task, Task.Delay(TimeSpan.FromMinutes(4)));
        if (loaded != _demoLoaded.Task || _api.HasExited)
            throw new InvalidOperationException($"The API did not load its demo data in 4 minutes:\n{_api.Log(60)}");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The API's log so far (for a failing test's message).</summary>
    public string Log() => _api?.Log() ?? "";

    /// <summary>Lines of the API's log at error level ("fail:"): a page that failed on the server.</summary>
    public IReadOnlyList<string> Failures() => _api?.Lines(l => l.StartsWith("fail:")) ?? [];

    /// <summary>A browser context of its own (cookies, language) at 1280 × 900, or a phone's width.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US", // the browser asks for English: the pages must still be Russian first
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return page;
    }

    /// <summary>Signs in as the demo user of a role (the sign-in page's ready-made users) and returns the page at home.</summary>
    public async Task<IPage> SignInAsync(string role, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/signin");
        await page.ClickAsync($"button[data-user='{role}']");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        return page;
    }

    /// <summary>
    /// An API client with a development bearer token of a role (and body), minted by the API's own <c>token</c> command as
    /// <c>./token.sh</c> does: for preparing what a test needs that is not the page under test.
    /// </summary>
    public async Task<HttpClient> ApiAsync(string role, string? body = null, string? name = null)
    {
        var args = new List<string> { _dll, "token", role, "--name", name ?? $"test-{role}" };
        if (body is not null) args.AddRange(["--body", body]);
        var start = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(_dll)! };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var token = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || token.Length == 0) throw new InvalidOperationException($"no token for {role}");
        return _api!.Client(token, timeout: TimeSpan.FromSeconds(100));
    }

    /// <summary>Saves a screenshot for the README under docs/screenshots (made by the tests, committed).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = false });
    }

    /// <summary>Reloads until the text appears: asynchronous read models (the survey facts) catch up after a write.</summary>
    public static async Task ReloadUntilAsync(IPage page, string selector, string text, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var content = await page.Locator(selector).AllInnerTextsAsync();
            if (content.Any(c => c.Contains(text))) return;
            if (DateTime.UtcNow > until)
                throw new ShouldAssertException($"'{text}' did not appear in {selector} within {seconds} s; it shows: {string.Join(" | ", content).Truncate(600)}");
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Database.Length > 0) await TestDatabaseServer.DropDatabaseAsync(Database);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln"))) return dir.FullName;
        throw new InvalidOperationException("Monitoring.sln not found above the test binaries");
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
}

internal static class Text
{
    public static string Truncate(this string s, int n) => s.Length <= n ? s : s[..n] + "…";
}

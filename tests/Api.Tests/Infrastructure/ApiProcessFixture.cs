using Monitoring.Api.Auth;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// A database of its own and the API processes a test starts on it (the build the tests reference, as
/// <see cref="ApiProcess"/>), every one killed and the database dropped at the end. The processes run in Development as
/// the application role, the administrator their schema owner, sign tokens with a key of this fixture's, load no demo
/// data and set no limit of writes per user (the tests write under load on purpose).
/// </summary>
public sealed class ApiProcessFixture : IAsyncLifetime
{
    public string Database { get; private set; } = "";
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));
    private readonly List<ApiProcess> _processes = [];

    public async Task InitializeAsync() => Database = await TestDatabaseServer.CreateDatabaseAsync("process");

    /// <summary>Starts one more API process on the database and waits until it answers.</summary>
    public async Task<ApiProcess> StartAsync(TimeSpan timeout)
    {
        var process = await LaunchAsync();
        await process.WaitHealthyAsync(timeout);
        return process;
    }

    /// <summary>
    /// Starts <paramref name="count"/> API processes at the same moment, as an orchestrator starts the nodes of a
    /// deployment, with <paramref name="settings"/> added to the fixture's, and waits until every one answers.
    /// </summary>
    public async Task<ApiProcess[]> StartTogetherAsync(int count, TimeSpan timeout, IReadOnlyDictionary<string, string> settings)
    {
        var processes = new ApiProcess[count];
        for (var i = 0; i < count; i++) processes[i] = await LaunchAsync(settings);
        await Task.WhenAll(processes.Select(p => p.WaitHealthyAsync(timeout)));
        return processes;
    }

    private async Task<ApiProcess> LaunchAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = await TestDatabaseServer.AppConnectionStringAsync(Database),
            ["ConnectionStrings__MonitoringOwner"] = Database,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__SigningKey"] = _signingKey,
            ["Monitoring__DemoData"] = "false",
            ["Security__WritesPerMinute"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var process = ApiProcess.Start(typeof(Program).Assembly.Location, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>A client of <paramref name="process"/> with an administrator's token signed with the processes' key.</summary>
    public HttpClient Admin(ApiProcess process, string name) =>
        process.Client(new JwtSettings { SigningKey = _signingKey }.Issue(name, [Roles.Admin], null, DateTimeOffset.UtcNow));

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await TestDatabaseServer.DropDatabaseAsync(Database);
    }
}

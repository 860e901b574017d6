using System.Diagnostics;
using System.Net;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

public sealed class StartupRefusalTests
{
    public static TheoryData<string, string> WeakKeys => new()
    {
        { "", "not set" },
        { "short-key-0123456789", "at least 32" },
        { JwtSettings.DevelopmentKey, "development key" },
    };

    [Theory]
    [MemberData(nameof(WeakKeys))]
    public async Task In_production_the_host_refuses_to_build_without_a_strong_key_of_its_own(string key, string reason)
    {
        var failure = await Should.ThrowAsync<Exception>(() => AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Production");
            // No database is reached: the identity check comes first.
            web.UseSetting("ConnectionStrings:Monitoring", "Host=127.0.0.1;Port=1;Database=none");
            web.UseSetting("Auth:SigningKey", key);
        }));
        var refusal = Chain(failure).OfType<InvalidOperationException>().FirstOrDefault(e => e.Message.Contains("refuses to start"));
        refusal.ShouldNotBeNull(failure.ToString());
        refusal.Message.ShouldContain(reason);
    }

    [Theory]
    [MemberData(nameof(WeakKeys))]
    public async Task In_production_the_process_exits_non_zero_and_says_why_on_stderr(string key, string reason)
    {
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Auth__") || k.EndsWith("_ENVIRONMENT")).ToList())
            info.Environment.Remove(name);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Monitoring"] = "Host=127.0.0.1;Port=1;Database=none";
        info.Environment["Auth__SigningKey"] = key;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await stdout;
        process.ExitCode.ShouldNotBe(0);
        stderr.ShouldStartWith("The API refuses to start (environment Production): ");
        stderr.ShouldContain(reason);
    }

    [Fact]
    public async Task In_production_a_strong_key_of_its_own_is_accepted()
    {
        var (host, connectionString) = await PlatformHost.StartAsync("Production", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiFixture.TestSigningKey,
        });
        try
        {
            var client = host.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer",
                new JwtSettings { SigningKey = ApiFixture.TestSigningKey }.Issue("ops", ["analyst"], null, DateTimeOffset.UtcNow));
            (await client.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.OK);
            // The development key, which Production never loads, signs nothing here.
            client.DefaultRequestHeaders.Authorization = new("Bearer",
                new JwtSettings { SigningKey = JwtSettings.DevelopmentKey }.Issue("ops", ["analyst"], null, DateTimeOffset.UtcNow));
            (await client.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await host.DisposeAsync();
            await TestDatabaseServer.DropDatabaseAsync(connectionString);
        }
    }

    public static TheoryData<string, string> WeakJournalKeys => new()
    {
        { "", "Journal:SigningKey (or Journal:SigningKeyFile) is not set" },
        { "not a key", "not an ECDSA P-256 private key" },
        { "DEVELOPMENT", "the development key shipped with the source code" },
    };

    [Theory]
    [MemberData(nameof(WeakJournalKeys))]
    public async Task In_production_the_host_refuses_to_build_without_a_journal_key_of_its_own(string key, string reason)
    {
        if (key == "DEVELOPMENT")
        {
            // The key appsettings.Development.json ships (copied next to the API's binaries), given explicitly.
            using var doc = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(
                Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "appsettings.Development.json")));
            key = doc.RootElement.GetProperty("Journal").GetProperty("SigningKey").GetString()!;
        }
        var failure = await Should.ThrowAsync<Exception>(() => AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:Monitoring", "Host=127.0.0.1;Port=1;Database=none");
            web.UseSetting("Auth:SigningKey", ApiFixture.TestSigningKey);
            web.UseSetting("Journal:SigningKey", key);
        }));
        var refusal = Chain(failure).OfType<InvalidOperationException>().FirstOrDefault(e => e.Message.Contains("refuses to start"));
        refusal.ShouldNotBeNull(failure.ToString());
        refusal.Message.ShouldContain(reason);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}

using System.Net;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Infrastructure;
using Wolverine;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// The real API host, like <see cref="ApiFixture"/> (as the application role, the administrator its schema owner), with
/// settings of a test's own (environment, limits, identity provider). Requests may name the client address they come
/// from in <see cref="ClientHeader"/>: the in-memory test server has no remote address, and the per-address limits
/// need distinct ones.
/// </summary>
public static class PlatformHost
{
    public const string ClientHeader = "X-Test-Client-Address";

    public static async Task<(IAlbaHost Host, string ConnectionString)> StartAsync(string environment, IDictionary<string, string?> settings)
    {
        var connectionString = await TestDatabaseServer.CreateDatabaseAsync("platform");
        var app = await TestDatabaseServer.AppConnectionStringAsync(connectionString);
        var host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("ConnectionStrings:Monitoring", app);
            web.UseSetting("ConnectionStrings:MonitoringOwner", connectionString);
            web.UseSetting("Monitoring:DemoData", "false");
            web.UseSetting("Journal:SigningKey", ApiFixture.TestJournalKey);
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            });
        });
        return (host, connectionString);
    }

    /// <summary>Sets the connection's remote address from <see cref="ClientHeader"/>, ahead of the whole pipeline.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, Func<Task> inner) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientHeader].ToString(), out var ip)) http.Connection.RemoteIpAddress = ip;
                return inner();
            });
            next(app);
        };
    }
}

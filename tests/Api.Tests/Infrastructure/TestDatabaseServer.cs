using Npgsql;
using Testcontainers.PostgreSql;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use, decided once per test run:
/// <list type="number">
/// <item><c>MONITORING_TEST_DB</c>: a connection string to a server (any database; the tests create their own) —
/// what <c>./test.sh</c> sets after starting a private cluster;</item>
/// <item>otherwise a Testcontainers PostgreSQL, where a Docker engine answers.</item>
/// </list>
/// Each fixture gets its own database on that server, so test classes run in parallel without sharing data. Hosts of the
/// API run as the application role <see cref="AppRole"/> with the server's administrator as the schema owner, as
/// production should (README, "Secure it").
/// </summary>
public static class TestDatabaseServer
{
    public const string AppRole = "monitoring_app";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static PostgreSqlContainer? _container;
    private static readonly Lazy<Task<string?>> AppRolePassword = new(CreateAppRoleAsync);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 40 }.ConnectionString;
    }

    /// <summary>The same database as <paramref name="databaseConnectionString"/>, as the application role (made once per run).</summary>
    public static async Task<string> AppConnectionStringAsync(string databaseConnectionString)
    {
        var password = await AppRolePassword.Value;
        return new NpgsqlConnectionStringBuilder(databaseConnectionString) { Username = AppRole, Password = password }.ConnectionString;
    }

    /// <summary>
    /// The login role the API runs as: an ordinary role (the owner grants it its rights in each database at start). The
    /// private cluster trusts local connections, so no password there; a server that asks for one (Testcontainers) gets
    /// a random password of this run's.
    /// </summary>
    private static async Task<string?> CreateAppRoleAsync()
    {
        var admin = await AdminConnectionStringAsync();
        var password = string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(admin).Password)
            ? null
            : Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        var login = password is null ? "login" : $"login password '{password}'";
        // Test runs may share a server: creating the role twice at once is not an error.
        await using var cmd = new NpgsqlCommand($"""
            do $$ begin
              create role {AppRole} {login} nosuperuser nocreatedb nocreaterole;
            exception when duplicate_object or unique_violation then
              alter role {AppRole} {login} nosuperuser nocreatedb nocreaterole;
            end $$
            """, conn);
        await cmd.ExecuteNonQueryAsync();
        return password;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(await AdminConnectionStringAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> AdminConnectionStringAsync()
    {
        if (_adminConnectionString is not null) return _adminConnectionString;
        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null) return _adminConnectionString;
            var fromEnvironment = Environment.GetEnvironmentVariable("MONITORING_TEST_DB");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                _adminConnectionString = new NpgsqlConnectionStringBuilder(fromEnvironment) { Database = "postgres" }.ConnectionString;
            }
            else
            {
                try
                {
                    _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                    await _container.StartAsync();
                    _adminConnectionString = new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException(
                        "No PostgreSQL for the tests: set MONITORING_TEST_DB to a server's connection string, run the tests with ./test.sh " +
                        "(which starts a private cluster), or make a Docker engine available for Testcontainers.", e);
                }
            }
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}

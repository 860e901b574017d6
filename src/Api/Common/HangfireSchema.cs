using Hangfire.PostgreSql;
using Npgsql;

namespace Monitoring.Api.Common;

/// <summary>
/// Hangfire's tables, installed or upgraded once per database however many nodes start together. Left to itself each
/// node's storage runs the install script in a serializable transaction, and the node that loses logs the
/// serialization failure at Error with its stack trace on every joint start. Here the install runs under a PostgreSQL
/// advisory lock (the later node then finds the schema current and does nothing), and the storage is told not to
/// prepare its schema itself.
/// </summary>
public static class HangfireSchema
{
    public static async Task InstallAsync(string connectionString, string schemaName, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var key = $"hangfire-install:{schemaName}";
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(hashtext(@key))", connection))
        {
            lockCommand.Parameters.AddWithValue("key", key);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, schemaName);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext(@key))", connection);
            unlock.Parameters.AddWithValue("key", key);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

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
        // Unpooled, as DatabaseRoles takes its lock: the lock is the session's, and closing the connection releases it,
        // whatever happens.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtext($1))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = $"hangfire-install:{schemaName}" });
            await take.ExecuteNonQueryAsync(ct);
        }
        PostgreSqlObjectsInstaller.Install(connection, schemaName);
    }
}

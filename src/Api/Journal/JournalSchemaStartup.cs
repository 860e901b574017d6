using Monitoring.Projections.Common;

namespace Monitoring.Api.Journal;

/// <summary>Runs the owner's SQL (the journal trigger) after Marten's migration, before anything appends (one connection, no separate owner).</summary>
public sealed class JournalSchemaStartup(ReadModelDatabase db) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await DatabaseRoles.ApplyOwnerSqlAsync(conn, db.Schema, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

using Monitoring.Projections;
using Monitoring.Projections.Common;

namespace Monitoring.Api.Journal;

/// <summary>Runs the owner's SQL (the journal trigger) after Marten's migration, before anything appends.</summary>
public sealed class JournalSchemaStartup(ReadModelDatabase db) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var sql in MonitoringStore.OwnerSql(db.Schema))
        {
            await using var cmd = db.DataSource.CreateCommand(sql);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

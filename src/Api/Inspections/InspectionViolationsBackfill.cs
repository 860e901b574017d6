using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

/// <summary>
/// At start, before any request: the violations that inspection documents held before violations had a table of their own
/// (<see cref="InspectionViolations"/>) get their rows there, so a database written by an earlier version reads the same.
/// Idempotent (a row already there is left alone); with nothing to move it reads the documents once and writes nothing.
/// </summary>
public sealed class InspectionViolationsBackfill(IDocumentStore store, ILogger<InspectionViolationsBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var moved = await session.AdvancedSql.QueryAsync<int>(
            $"with moved as ({InspectionViolations.BackfillSql(store)} returning 1) select count(*)::int from moved", cancellationToken);
        if (moved.Single() > 0) logger.LogInformation("Moved {Count} violations from the inspection documents to {Table}", moved.Single(), InspectionViolations.Table);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

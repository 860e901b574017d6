namespace Monitoring.Projections.Methodology;

/// <summary>The published methodology versions, for the API and the pages alike.</summary>
public sealed class MethodologyQueries(IQuerySession session)
{
    public async Task<IReadOnlyList<MethodologyView>> ListAsync(CancellationToken ct) =>
        await session.Query<MethodologyView>().OrderBy(m => m.Code).ToListAsync(ct);

    public Task<MethodologyView?> FindAsync(string code, CancellationToken ct) =>
        session.LoadAsync<MethodologyView>(MethodologyView.StreamKey(code), ct);
}

namespace Monitoring.Projections.Inspections;

/// <summary>Inspections as the API and the inspectors' pages read them: one with its violations, a list, and its history.</summary>
public sealed class InspectionQueries(IQuerySession session)
{
    public async Task<InspectionView> InspectionAsync(string id, CancellationToken ct)
    {
        var inspection = await session.LoadAsync<InspectionView>(Inspection.StreamKey(id), ct) ?? throw new NotFound("Inspection", id);
        await InspectionViolations.FillAsync(session, [inspection], ct);
        return inspection;
    }

    /// <summary>Inspections in the order they were opened, optionally of one body and/or opened by one person (as events name them).</summary>
    public async Task<IReadOnlyList<InspectionView>> ListAsync(string? body, string? openedBy, CancellationToken ct)
    {
        var query = session.Query<InspectionView>().AsQueryable();
        if (body is not null) query = query.Where(i => i.BodyCode == body);
        if (openedBy is not null) query = query.Where(i => i.OpenedBy!.RecordedBy == openedBy);
        var inspections = await query.OrderBy(i => i.OpenedOn).ThenBy(i => i.InspectionId).ToListAsync(ct);
        await InspectionViolations.FillAsync(session, inspections, ct);
        return inspections;
    }

    /// <summary>Every event of the inspection: opened, violations recorded, corrected, revoked, closed, recommendations fulfilled.</summary>
    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct) =>
        StreamHistory.OfAsync(session, Inspection.StreamKey(id), "Inspection", id, ct);
}

using Monitoring.Domain.Complaints;

namespace Monitoring.Projections.Complaints;

public sealed record ComplaintView(
    string Id, string ComplaintId, string BodyCode, string? ServiceCode, Channel Channel, DateOnly LodgedOn, int Period, DateOnly AnswerDue,
    bool? Justified = null, string? DecisionReason = null, DateOnly? AnsweredOn = null, bool Overdue = false, long Version = 0)
{
    /// <summary>Overdue on <paramref name="today"/>: recorded so by the deadline job, or past its deadline unanswered and the
    /// hourly job has not come round to it yet.</summary>
    public bool OverdueOn(DateOnly today) => Overdue || Complaint.PastDeadline(AnsweredOn, AnswerDue, today);
}

public sealed class ComplaintViewProjection : SingleStreamProjection<ComplaintView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public ComplaintViewProjection()
    {
        IncludeType<ComplaintLodged>();
        IncludeType<ComplaintDecided>();
        IncludeType<ComplaintAnswered>();
        IncludeType<ComplaintAnswerOverdue>();
    }

    public override ComplaintView? Evolve(ComplaintView? snapshot, string id, IEvent e)
    {
        var changed = (e.Data, snapshot) switch
        {
            (ComplaintLodged l, _) => new ComplaintView(id, l.ComplaintId, l.BodyCode, l.ServiceCode, l.Channel, l.LodgedOn, l.LodgedOn.Year, l.AnswerDue),
            (ComplaintDecided d, { } c) => c with { Justified = d.Justified, DecisionReason = d.Reason },
            (ComplaintAnswered a, { } c) => c with { AnsweredOn = a.AnsweredOn },
            (ComplaintAnswerOverdue, { } c) => c with { Overdue = true },
            _ => null,
        };
        return changed is null ? snapshot : changed with { Version = e.Version };
    }
}

public sealed record ComplaintTotals(string BodyCode, int Period, int Lodged, int Justified, int Unjustified, int Undecided,
    int AnsweredOnTime, int AnsweredLate, int Overdue);

public sealed class ComplaintQueries(IQuerySession session)
{
    public async Task<IReadOnlyList<ComplaintTotals>> TotalsAsync(string? body, int? period, CancellationToken ct)
    {
        var query = session.Query<ComplaintView>().AsQueryable();
        if (body is not null) query = query.Where(c => c.BodyCode == body);
        if (period is not null) query = query.Where(c => c.Period == period);
        return (await query.ToListAsync(ct)).GroupBy(c => (c.BodyCode, c.Period))
            .Select(g => new ComplaintTotals(g.Key.BodyCode, g.Key.Period, g.Count(), g.Count(c => c.Justified == true),
                g.Count(c => c.Justified == false), g.Count(c => c.Justified is null),
                g.Count(c => c.AnsweredOn is { } a && a <= c.AnswerDue), g.Count(c => c.AnsweredOn is { } a && a > c.AnswerDue),
                g.Count(c => c.Overdue)))
            .OrderBy(t => t.BodyCode, StringComparer.Ordinal).ThenBy(t => t.Period).ToList();
    }

    public async Task<ComplaintView> ComplaintAsync(string id, CancellationToken ct) =>
        await session.LoadAsync<ComplaintView>(Complaint.StreamKey(id), ct) ?? throw new NotFound("Complaint", id);

    /// <summary>Complaints of a body (or of every body), newest lodged first.</summary>
    public async Task<IReadOnlyList<ComplaintView>> ListAsync(string? body, int? period, CancellationToken ct)
    {
        var query = session.Query<ComplaintView>().AsQueryable();
        if (body is not null) query = query.Where(c => c.BodyCode == body);
        if (period is not null) query = query.Where(c => c.Period == period);
        return await query.OrderByDescending(c => c.LodgedOn).ThenBy(c => c.ComplaintId).ToListAsync(ct);
    }

    /// <summary>Every event of the complaint: lodged, decided, answered, found overdue.</summary>
    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct) =>
        StreamHistory.OfAsync(session, Complaint.StreamKey(id), "Complaint", id, ct);

    /// <summary>Complaints past their deadline and unanswered that are not yet flagged.</summary>
    public async Task<IReadOnlyList<string>> DueForOverdueAsync(DateOnly today, CancellationToken ct) =>
        (await session.Query<ComplaintView>().Where(c => c.AnsweredOn == null && !c.Overdue && c.AnswerDue < today)
            .Select(c => c.ComplaintId).ToListAsync(ct)).ToList();
}

using Monitoring.Domain.Complaints;

namespace Monitoring.Projections.Complaints;

public sealed class ComplaintView
{
    public string Id { get; set; } = "";
    public string ComplaintId { get; set; } = "";
    public string BodyCode { get; set; } = "";
    public string? ServiceCode { get; set; }
    public Channel Channel { get; set; }
    public DateOnly LodgedOn { get; set; }
    public int Period { get; set; }
    public DateOnly AnswerDue { get; set; }
    public bool? Justified { get; set; }
    public string? DecisionReason { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public bool Overdue { get; set; }
    public long Version { get; set; }
}

public sealed class ComplaintViewProjection : SingleStreamProjection<ComplaintView, string>
{
    public override ComplaintView? Evolve(ComplaintView? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case ComplaintLodged l:
                snapshot = new ComplaintView
                {
                    Id = id, ComplaintId = l.ComplaintId, BodyCode = l.BodyCode, ServiceCode = l.ServiceCode, Channel = l.Channel,
                    LodgedOn = l.LodgedOn, Period = l.LodgedOn.Year, AnswerDue = l.AnswerDue,
                };
                break;
            case ComplaintDecided d when snapshot is not null:
                snapshot.Justified = d.Justified;
                snapshot.DecisionReason = d.Reason;
                break;
            case ComplaintAnswered a when snapshot is not null:
                snapshot.AnsweredOn = a.AnsweredOn;
                break;
            case ComplaintAnswerOverdue when snapshot is not null:
                snapshot.Overdue = true;
                break;
            default:
                return snapshot;
        }
        snapshot.Version = e.Version;
        return snapshot;
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
        var list = await query.ToListAsync(ct);
        return list.GroupBy(c => (c.BodyCode, c.Period))
            .Select(g => new ComplaintTotals(g.Key.BodyCode, g.Key.Period, g.Count(), g.Count(c => c.Justified == true),
                g.Count(c => c.Justified == false), g.Count(c => c.Justified is null),
                g.Count(c => c.AnsweredOn is { } a && a <= c.AnswerDue), g.Count(c => c.AnsweredOn is { } a && a > c.AnswerDue),
                g.Count(c => c.Overdue)))
            .OrderBy(t => t.BodyCode, StringComparer.Ordinal).ThenBy(t => t.Period).ToList();
    }

    /// <summary>Complaints past their deadline and unanswered that are not yet flagged.</summary>
    public async Task<IReadOnlyList<string>> DueForOverdueAsync(DateOnly today, CancellationToken ct) =>
        (await session.Query<ComplaintView>().Where(c => c.AnsweredOn == null && !c.Overdue && c.AnswerDue < today)
            .Select(c => c.ComplaintId).ToListAsync(ct)).ToList();
}

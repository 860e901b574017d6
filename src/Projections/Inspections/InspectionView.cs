namespace Monitoring.Projections.Inspections;

/// <summary>Read model of one inspection: scope, status, recommendations and every violation with its history.</summary>
public sealed record InspectionView(
    string Id, string InspectionId, string BodyCode, string? UnitCode, InspectionKind Kind, IReadOnlyList<string> Services, DateOnly PeriodFrom,
    DateOnly PeriodTo, string LegalBasis, DateOnly OpenedOn)
{
    public bool Closed { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Findings { get; set; }
    public List<RecommendationView> Recommendations { get; set; } = [];
    /// <summary>Filled in by the queries from <see cref="InspectionViolations"/>; not kept in the document itself.</summary>
    public List<ViolationView> Violations { get; set; } = [];
    public Provenance? OpenedBy { get; set; }
    public long Version { get; set; }
}

public sealed record RecommendationView(string RecommendationId, string Text)
{
    public DateOnly? FulfilledOn { get; set; }
    public string? Note { get; set; }
}

/// <summary>A violation as it stands now, and every change made to it with the event that made it.</summary>
public sealed record ViolationView(
    string ViolationId, ViolationType Type, string ServiceCode, string? UnitCode, int Period, long Count, IReadOnlyList<string>? Cases, string Evidence,
    bool Revoked, List<ViolationChange> History);

public sealed record ViolationChange(string Change, ViolationType Type, long Count, string? Reason, Provenance RecordedBy);

/// <summary>
/// The inspection's document, without its violations: they are rows of their own (<see cref="InspectionViolations"/>),
/// whose projection also moves <see cref="InspectionView.Version"/> on by a patch. So recording a violation neither loads nor
/// rewrites the document, however many violations the inspection has.
/// </summary>
public sealed class InspectionViewProjection : SingleStreamProjection<InspectionView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public InspectionViewProjection()
    {
        IncludeType<InspectionOpened>();
        IncludeType<InspectionClosed>();
        IncludeType<RecommendationFulfilled>();
    }

    public override InspectionView? Evolve(InspectionView? snapshot, string id, IEvent e)
    {
        var by = Provenance.Of(e);
        switch (e.Data)
        {
            case InspectionOpened o:
                snapshot = new InspectionView(id, o.InspectionId, o.BodyCode, o.UnitCode, o.Kind, o.Services.ToList(), o.PeriodFrom, o.PeriodTo,
                    o.LegalBasis, o.OpenedOn) { OpenedBy = by };
                break;
            case InspectionClosed c when snapshot is not null:
                (snapshot.Closed, snapshot.ClosedOn, snapshot.Findings) = (true, c.ClosedOn, c.Findings);
                snapshot.Recommendations = c.Recommendations.Select(r => new RecommendationView(r.RecommendationId, r.Text)).ToList();
                break;
            case RecommendationFulfilled f when snapshot?.Recommendations.Find(x => x.RecommendationId == f.RecommendationId) is { } rec:
                (rec.FulfilledOn, rec.Note) = (f.FulfilledOn, f.Note);
                break;
            default:
                return snapshot;
        }
        snapshot!.Version = e.Version;
        return snapshot;
    }

}

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
public sealed class ViolationView
{
    public string ViolationId { get; set; } = "";
    public ViolationType Type { get; set; }
    public string ServiceCode { get; set; } = "";
    public string? UnitCode { get; set; }
    public int Period { get; set; }
    public long Count { get; set; }
    public List<string>? Cases { get; set; }
    public string Evidence { get; set; } = "";
    public bool Revoked { get; set; }
    public List<ViolationChange> History { get; set; } = [];
}

public sealed record ViolationChange(string Change, ViolationType Type, long Count, string? Reason, Provenance RecordedBy);

public sealed class InspectionViewProjection : SingleStreamProjection<InspectionView, string>
{
    public override InspectionView? Evolve(InspectionView? snapshot, string id, IEvent e)
    {
        var by = Provenance.Of(e);
        switch (e.Data)
        {
            case InspectionOpened o:
                snapshot = new InspectionView(id, o.InspectionId, o.BodyCode, o.UnitCode, o.Kind, o.Services.ToList(), o.PeriodFrom, o.PeriodTo,
                    o.LegalBasis, o.OpenedOn) { OpenedBy = by };
                break;
            case ViolationRecorded v when snapshot is not null:
                snapshot.Violations.Add(new ViolationView
                {
                    ViolationId = v.ViolationId, Type = v.Type, ServiceCode = v.ServiceCode, UnitCode = v.UnitCode ?? snapshot.UnitCode,
                    Period = v.Period, Count = v.Counted, Cases = v.Cases?.ToList(), Evidence = v.Evidence,
                    History = [new ViolationChange("recorded", v.Type, v.Counted, null, by)],
                });
                break;
            case ViolationCorrected c when snapshot?.Violations.Find(x => x.ViolationId == c.ViolationId) is { } corrected:
                corrected.Type = c.Type;
                corrected.Count = c.Counted;
                corrected.Cases = c.Cases?.ToList();
                corrected.History.Add(new ViolationChange("corrected", c.Type, c.Counted, c.Reason, by));
                break;
            case ViolationRevoked r when snapshot?.Violations.Find(x => x.ViolationId == r.ViolationId) is { } revoked:
                revoked.Revoked = true;
                revoked.History.Add(new ViolationChange("revoked", revoked.Type, 0, r.Reason, by));
                break;
            case InspectionClosed c when snapshot is not null:
                snapshot.Closed = true;
                snapshot.ClosedOn = c.ClosedOn;
                snapshot.Findings = c.Findings;
                snapshot.Recommendations = c.Recommendations.Select(r => new RecommendationView(r.RecommendationId, r.Text)).ToList();
                break;
            case RecommendationFulfilled f when snapshot?.Recommendations.Find(x => x.RecommendationId == f.RecommendationId) is { } rec:
                rec.FulfilledOn = f.FulfilledOn;
                rec.Note = f.Note;
                break;
            default:
                return snapshot;
        }
        snapshot!.Version = e.Version;
        return snapshot;
    }
}

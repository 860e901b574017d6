namespace Monitoring.Projections.Inspections;

/// <summary>Read model of one inspection: scope, status, recommendations and every violation with its history.</summary>
public sealed class InspectionView
{
    public string Id { get; set; } = "";
    public string InspectionId { get; set; } = "";
    public string BodyCode { get; set; } = "";
    public string? UnitCode { get; set; }
    public InspectionKind Kind { get; set; }
    public List<string> Services { get; set; } = [];
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public string LegalBasis { get; set; } = "";
    public DateOnly OpenedOn { get; set; }
    public bool Closed { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Findings { get; set; }
    public List<RecommendationView> Recommendations { get; set; } = [];
    public List<ViolationView> Violations { get; set; } = [];
    public Provenance? OpenedBy { get; set; }
    public long Version { get; set; }
}

public sealed class RecommendationView
{
    public string RecommendationId { get; set; } = "";
    public string Text { get; set; } = "";
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
                snapshot = new InspectionView
                {
                    Id = id, InspectionId = o.InspectionId, BodyCode = o.BodyCode, UnitCode = o.UnitCode, Kind = o.Kind,
                    Services = o.Services.ToList(), PeriodFrom = o.PeriodFrom, PeriodTo = o.PeriodTo, LegalBasis = o.LegalBasis,
                    OpenedOn = o.OpenedOn, OpenedBy = by,
                };
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
                snapshot.Recommendations = c.Recommendations.Select(r => new RecommendationView { RecommendationId = r.RecommendationId, Text = r.Text }).ToList();
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

namespace Monitoring.Projections.Assessments;

/// <summary>
/// The recorded side of an assessment (inline): who opened it under which methodology, the measures and their
/// recognition, penalties with their withdrawals, and every published revision frozen as published.
/// The live figures are computed from the evidence (see <see cref="AssessmentQueries"/>).
/// </summary>
public sealed record AssessmentView(
    string Id, string BodyCode, int Period, string MethodologyCode, decimal? PreviousFinal, string? PreviousFinalSource, Provenance OpenedBy)
{
    public List<Recorded<SatisfactionMeasuresReported>> Measures { get; set; } = [];
    public List<Recorded<SatisfactionMeasuresRecognised>> Recognitions { get; set; } = [];
    public List<Recorded<PenaltyAssessed>> Penalties { get; set; } = [];
    public List<Recorded<PenaltyWithdrawn>> PenaltyWithdrawals { get; set; } = [];
    public List<PublishedRevision> Revisions { get; set; } = [];
    public long Version { get; set; }

    /// <summary>A published revision by number; an unknown number is <see cref="NotFound"/>.</summary>
    public PublishedRevision Revision(int number) =>
        Revisions.FirstOrDefault(r => r.Published.Revision == number) ?? throw new NotFound("Revision", $"{BodyCode}/{Period}/{number}");
}

public sealed record Recorded<T>(T Event, Provenance RecordedBy);

/// <summary>A published revision as frozen, with who published it and when.</summary>
public sealed record PublishedRevision(AssessmentPublished Published, Provenance PublishedBy);

public sealed class AssessmentViewProjection : SingleStreamProjection<AssessmentView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public AssessmentViewProjection()
    {
        IncludeType<AssessmentOpened>();
        IncludeType<SatisfactionMeasuresReported>();
        IncludeType<SatisfactionMeasuresRecognised>();
        IncludeType<PenaltyAssessed>();
        IncludeType<PenaltyWithdrawn>();
        IncludeType<AssessmentPublished>();
    }

    public override AssessmentView? Evolve(AssessmentView? snapshot, string id, IEvent e)
    {
        var by = Provenance.Of(e);
        var changed = (e.Data, snapshot) switch
        {
            (AssessmentOpened o, _) => new AssessmentView(id, o.BodyCode, o.Period, o.MethodologyCode, o.PreviousFinal, o.PreviousFinalSource, by),
            (SatisfactionMeasuresReported m, { } v) => Add(v, v.Measures, new(m, by)),
            (SatisfactionMeasuresRecognised r, { } v) => Add(v, v.Recognitions, new(r, by)),
            (PenaltyAssessed p, { } v) => Add(v, v.Penalties, new(p, by)),
            (PenaltyWithdrawn w, { } v) => Add(v, v.PenaltyWithdrawals, new(w, by)),
            (AssessmentPublished p, { } v) => Add(v, v.Revisions, new(p, by)),
            _ => null,
        };
        if (changed is null) return snapshot;
        changed.Version = e.Version;
        return changed;
    }

    private static AssessmentView Add<T>(AssessmentView view, List<T> list, T item)
    {
        list.Add(item);
        return view;
    }
}

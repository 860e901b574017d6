namespace Monitoring.Domain.Assessments;

/// <summary>Write-side state of an assessment: what can still be recorded, and what the last publication froze.</summary>
public sealed record Assessment(
    string BodyCode, int Period, string MethodologyCode, bool MeasuresReported, IReadOnlySet<string> StandingPenalties,
    IReadOnlySet<string> AllPenalties, int Revisions, string? LastContentHash) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string body, int period) => $"assessment:{body}:{period}";

    public string Id => StreamKey(BodyCode, Period);

    public static Assessment? Evolve(Assessment? state, object @event) => @event switch
    {
        AssessmentOpened e => new Assessment(e.BodyCode, e.Period, e.MethodologyCode, false, new HashSet<string>(), new HashSet<string>(), 0, null),
        SatisfactionMeasuresReported when state is not null => state with { MeasuresReported = true },
        PenaltyAssessed e when state is not null => state with
        {
            StandingPenalties = new HashSet<string>(state.StandingPenalties) { e.PenaltyId },
            AllPenalties = new HashSet<string>(state.AllPenalties) { e.PenaltyId },
        },
        PenaltyWithdrawn e when state is not null => state with
        {
            StandingPenalties = new HashSet<string>(state.StandingPenalties.Where(p => p != e.PenaltyId)),
        },
        AssessmentPublished e when state is not null => state with { Revisions = e.Revision, LastContentHash = e.ContentHash },
        _ => state,
    };

    public static AssessmentOpened Open(Assessment? existing, AssessmentOpened opened)
    {
        if (existing is not null) throw new InvalidTransition($"The assessment of '{opened.BodyCode}' for {opened.Period} is already open");
        if (opened.PreviousFinal is { } p && (p < -100 || p > 100)) throw new DomainRuleViolation("previousFinal", "must be within −100..100");
        if (opened.PreviousFinal is not null && string.IsNullOrWhiteSpace(opened.PreviousFinalSource))
            throw new DomainRuleViolation("previousFinalSource", "say where the previous final score comes from (e.g. the previous conclusion)");
        return opened;
    }

    public SatisfactionMeasuresRecognised Recognise(bool recognised, string reason)
    {
        if (!MeasuresReported) throw new InvalidTransition("No measures have been reported for this assessment yet");
        return new SatisfactionMeasuresRecognised(BodyCode, Period, recognised, reason.Trim());
    }

    public PenaltyAssessed AssessPenalty(string penaltyId, decimal points, string reason, string legalBasis)
    {
        if (AllPenalties.Contains(penaltyId)) throw new InvalidTransition($"Penalty '{penaltyId}' is already recorded");
        if (points <= 0 || points > 5) throw new DomainRuleViolation("points", "must be above 0 and at most 5");
        return new PenaltyAssessed(BodyCode, Period, penaltyId, points, reason.Trim(), legalBasis.Trim());
    }

    public PenaltyWithdrawn WithdrawPenalty(string penaltyId, string reason)
    {
        if (!StandingPenalties.Contains(penaltyId))
            throw AllPenalties.Contains(penaltyId)
                ? new InvalidTransition($"Penalty '{penaltyId}' is already withdrawn")
                : new NotFound("Penalty", penaltyId);
        return new PenaltyWithdrawn(BodyCode, Period, penaltyId, reason.Trim());
    }

    /// <summary>
    /// The next revision from a computed scorecard. A revision after the first needs a reason, and a revision identical to
    /// the last published one (same content hash) is refused: there is nothing to revise.
    /// </summary>
    public AssessmentPublished Publish(ComputedScorecard computed, string? reason)
    {
        if (Revisions > 0 && string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleViolation("reason", $"revision {Revisions + 1} needs the reason it revises revision {Revisions}");
        var hash = computed.ContentHash();
        if (hash == LastContentHash)
            throw new InvalidTransition($"Nothing changed since revision {Revisions} (content hash {hash[..12]}…): there is nothing to revise");
        return new AssessmentPublished(BodyCode, Period, Revisions + 1,
            string.IsNullOrWhiteSpace(reason) ? "Первая публикация" : reason.Trim(),
            computed.EvidenceSequence, computed.EvidenceAsOf, computed.Inputs,
            computed.InputValues.Values.Select(i => new FrozenInput(i.Name, i.Value, i.Source, i.Note, i.Events.Count)).ToList(), computed.Scorecard, hash);
    }
}

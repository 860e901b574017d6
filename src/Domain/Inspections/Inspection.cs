namespace Monitoring.Domain.Inspections;

/// <summary>Write-side state of a control inspection and the decisions on it (pure: state + command → events).</summary>
public sealed record Inspection(
    string InspectionId, string BodyCode, IReadOnlyList<string> Services, DateOnly PeriodFrom, DateOnly PeriodTo, bool Closed,
    IReadOnlyDictionary<string, bool> Violations, IReadOnlyDictionary<string, bool> Recommendations) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string id) => $"inspection:{id}";

    public string Id => StreamKey(InspectionId);

    public static Inspection? Evolve(Inspection? state, object @event) => @event switch
    {
        InspectionOpened e => new Inspection(e.InspectionId, e.BodyCode, e.Services, e.PeriodFrom, e.PeriodTo, false,
            new Dictionary<string, bool>(), new Dictionary<string, bool>()),
        ViolationRecorded e when state is not null => state with { Violations = With(state.Violations, e.ViolationId, true) },
        ViolationRevoked e when state is not null => state with { Violations = With(state.Violations, e.ViolationId, false) },
        InspectionClosed e when state is not null => state with
        {
            Closed = true,
            Recommendations = e.Recommendations.ToDictionary(r => r.RecommendationId, _ => false),
        },
        RecommendationFulfilled e when state is not null => state with { Recommendations = With(state.Recommendations, e.RecommendationId, true) },
        _ => state,
    };

    public static InspectionOpened Open(Inspection? existing, InspectionOpened opened)
    {
        if (existing is not null) throw new InvalidTransition($"Inspection '{opened.InspectionId}' is already open");
        if (opened.PeriodTo < opened.PeriodFrom) throw new DomainRuleViolation("periodTo", "must not be before periodFrom");
        return opened;
    }

    public ViolationRecorded Record(ViolationRecorded violation)
    {
        if (Closed) throw new InvalidTransition($"Inspection '{InspectionId}' is closed: nothing more can be recorded in it");
        if (Violations.ContainsKey(violation.ViolationId))
            throw new InvalidTransition($"Violation '{violation.ViolationId}' is already recorded in inspection '{InspectionId}'");
        if (!Services.Contains(violation.ServiceCode))
            throw new DomainRuleViolation("serviceCode", $"service '{violation.ServiceCode}' is not in the scope of inspection '{InspectionId}'");
        if (violation.Period < PeriodFrom.Year || violation.Period > PeriodTo.Year)
            throw new DomainRuleViolation("period", $"must be within the inspected period {PeriodFrom.Year}–{PeriodTo.Year}");
        return violation;
    }

    /// <summary>Corrections and revocations are allowed after closing too: a finding can be reconsidered later.</summary>
    public ViolationCorrected Correct(ViolationCorrected correction) => Standing(correction.ViolationId, correction);

    public ViolationRevoked Revoke(string violationId, string reason) =>
        Standing(violationId, new ViolationRevoked(InspectionId, violationId, reason.Trim()));

    public InspectionClosed Close(DateOnly closedOn, string findings, IReadOnlyList<Recommendation> recommendations)
    {
        if (Closed) throw new InvalidTransition($"Inspection '{InspectionId}' is already closed");
        if (recommendations.Select(r => r.RecommendationId).Distinct().Count() != recommendations.Count)
            throw new DomainRuleViolation("recommendations", "recommendation ids must be unique");
        return new InspectionClosed(InspectionId, closedOn, findings.Trim(), recommendations);
    }

    public RecommendationFulfilled Fulfil(string recommendationId, DateOnly on, string note)
    {
        if (!Recommendations.TryGetValue(recommendationId, out var fulfilled))
            throw new DomainRuleViolation("recommendationId", $"inspection '{InspectionId}' has no recommendation '{recommendationId}'");
        if (fulfilled) throw new InvalidTransition($"Recommendation '{recommendationId}' is already fulfilled");
        return new RecommendationFulfilled(InspectionId, recommendationId, on, note.Trim());
    }

    /// <summary>The event on a violation, once it is known to stand (recorded here and not revoked).</summary>
    private T Standing<T>(string violationId, T @event)
    {
        if (!Violations.TryGetValue(violationId, out var standing))
            throw new DomainRuleViolation("violationId", $"inspection '{InspectionId}' has no violation '{violationId}'");
        if (!standing) throw new InvalidTransition($"Violation '{violationId}' was revoked");
        return @event;
    }

    private static IReadOnlyDictionary<string, bool> With(IReadOnlyDictionary<string, bool> map, string key, bool value) =>
        new Dictionary<string, bool>(map) { [key] = value };
}

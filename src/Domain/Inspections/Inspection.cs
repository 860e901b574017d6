using System.Collections.Immutable;

namespace Monitoring.Domain.Inspections;

/// <summary>Write-side state of a control inspection and the decisions on it (pure: state + command → events).</summary>
/// <param name="Violations">Every violation recorded, by id, with what was recorded (a file sent again is compared with it)
/// and whether it still stands. Immutable: folding an inspection of thousands of violations adds each in O(log n).</param>
public sealed record Inspection(
    string InspectionId, string BodyCode, IReadOnlyList<string> Services, DateOnly PeriodFrom, DateOnly PeriodTo, bool Closed,
    ImmutableDictionary<string, RecordedViolation> Violations, IReadOnlyDictionary<string, bool> Recommendations) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string id) => $"inspection:{id}";

    public string Id => StreamKey(InspectionId);

    public static Inspection? Evolve(Inspection? state, object @event) => @event switch
    {
        InspectionOpened e => new Inspection(e.InspectionId, e.BodyCode, e.Services, e.PeriodFrom, e.PeriodTo, false,
            ImmutableDictionary.Create<string, RecordedViolation>(StringComparer.Ordinal), new Dictionary<string, bool>()),
        ViolationRecorded e when state is not null => state with { Violations = state.Violations.SetItem(e.ViolationId, new RecordedViolation(e, true)) },
        ViolationsImported e when state is not null => state with
        {
            Violations = state.Violations.SetItems(e.Violations.Select(v => KeyValuePair.Create(v.ViolationId, new RecordedViolation(v, true)))),
        },
        ViolationRevoked e when state is not null && state.Violations.TryGetValue(e.ViolationId, out var revoked) =>
            state with { Violations = state.Violations.SetItem(e.ViolationId, revoked with { Standing = false }) },
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
        EnsureOpen();
        if (Violations.ContainsKey(violation.ViolationId))
            throw new InvalidTransition($"Violation '{violation.ViolationId}' is already recorded in inspection '{InspectionId}'");
        if (ScopeProblems(violation) is { Count: > 0 } problems) throw new DomainRuleViolation(problems);
        return violation;
    }

    /// <summary>
    /// An inspection's findings from a file, all or nothing: each row is decided by the rules of <see cref="Record"/>, and a
    /// violation already recorded with the same content is skipped (the file sent again records nothing new); the new ones
    /// are recorded in <see cref="ViolationsImported"/> events. <paramref name="row"/> names the i-th row in the errors.
    /// Refused: rows outside the inspection's scope or repeating an id of the file (400, every one named); a row whose
    /// id is recorded with other content (409); anything new in a closed inspection (409).
    /// </summary>
    public ViolationFileDecision RecordFile(IReadOnlyList<ViolationRecorded> violations, Func<int, string> row)
    {
        var problems = new List<(string Field, string Reason)>();
        var conflicts = new List<string>();
        var recorded = new List<ViolationRecorded>(violations.Count);
        var seen = new Dictionary<string, int>(violations.Count, StringComparer.Ordinal);
        for (var i = 0; i < violations.Count; i++)
        {
            var violation = violations[i];
            if (!seen.TryAdd(violation.ViolationId, i))
            {
                problems.Add(($"{row(i)}.violationId", $"'{Quote.Shorten(violation.ViolationId)}' is already in {row(seen[violation.ViolationId])}"));
                continue;
            }
            if (Violations.TryGetValue(violation.ViolationId, out var earlier))
            {
                if (!earlier.Recorded.SameFindingAs(violation))
                    conflicts.Add($"{row(i)}: violation '{Quote.Shorten(violation.ViolationId)}' is already recorded in inspection '{InspectionId}' " +
                                  "with other content");
                continue;
            }
            foreach (var (field, reason) in ScopeProblems(violation)) problems.Add(($"{row(i)}.{field}", reason));
            recorded.Add(violation);
        }
        if (recorded.Count > 0 || problems.Count > 0) EnsureOpen();
        if (problems.Count > 0) throw new DomainRuleViolation(problems);
        if (conflicts.Count > 0)
            throw new InvalidTransition(string.Join("; ", conflicts.Take(10)) + (conflicts.Count > 10 ? $"; and {conflicts.Count - 10} more" : "") +
                                        ". Correct a recorded violation, or give a new finding another id; nothing was recorded.");
        return new ViolationFileDecision(
            recorded.Chunk(ViolationsImported.MaxPerEvent).Select(chunk => new ViolationsImported(InspectionId, chunk)).ToList(),
            recorded.Count, violations.Count - recorded.Count);
    }

    private void EnsureOpen()
    {
        if (Closed) throw new InvalidTransition($"Inspection '{InspectionId}' is closed: nothing more can be recorded in it");
    }

    /// <summary>What may not be recorded in this inspection: a service outside its scope, a year outside its period.</summary>
    private List<(string Field, string Reason)> ScopeProblems(ViolationRecorded violation)
    {
        var problems = new List<(string, string)>();
        if (!Services.Contains(violation.ServiceCode))
            problems.Add(("serviceCode", $"service '{Quote.Shorten(violation.ServiceCode)}' is not in the scope of inspection '{InspectionId}'"));
        if (violation.Period < PeriodFrom.Year || violation.Period > PeriodTo.Year)
            problems.Add(("period", $"must be within the inspected period {PeriodFrom.Year}–{PeriodTo.Year}"));
        return problems;
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
        if (!Violations.TryGetValue(violationId, out var violation))
            throw new DomainRuleViolation("violationId", $"inspection '{InspectionId}' has no violation '{violationId}'");
        if (!violation.Standing) throw new InvalidTransition($"Violation '{violationId}' was revoked");
        return @event;
    }

    private static IReadOnlyDictionary<string, bool> With(IReadOnlyDictionary<string, bool> map, string key, bool value) =>
        new Dictionary<string, bool>(map) { [key] = value };
}

/// <summary>A violation of an inspection as recorded, and whether it still stands (a revoked one does not).</summary>
public sealed record RecordedViolation(ViolationRecorded Recorded, bool Standing);

/// <summary>What a file of findings records: the events of the violations new to the inspection, how many, and how many rows it already held.</summary>
public sealed record ViolationFileDecision(IReadOnlyList<ViolationsImported> Events, int Recorded, int Skipped);

using Monitoring.Domain.Methodology;
using Monitoring.Projections.Methodology;

namespace Monitoring.Projections.Assessments;

public sealed record MethodologyRef(string Code, string Title, bool Reconstructed, SurveyRules? Survey);

public sealed record InputSummary(string Name, decimal? Value, string Source, string Note, int EventCount);

public sealed record RevisionSummary(int Revision, string Reason, decimal Final, string Rating, string ContentHash, long EvidenceSequence,
    DateTimeOffset PublishedAt, string? PublishedBy, Domain.Journal.JournalDigestRef? Journal);

/// <summary>
/// The scorecard of a body for a period as known at a moment (now by default): every criterion and indicator with raw
/// and rounded points, the sum, penalty, final, band and change, the inputs, and where the published revisions stand.
/// </summary>
public sealed record AssessmentScorecard(
    string BodyCode, int Period, MethodologyRef Methodology, DateTimeOffset AsOf, long EvidenceSequence, bool SurveyEvidenceComplete,
    string Status, ScorecardResult Scorecard, IReadOnlyList<InputSummary> Inputs, string ContentHash,
    RevisionSummary? LatestRevision, bool ChangedSinceLatestRevision, IReadOnlyList<RevisionSummary> Revisions, Journal.EvidenceIntegrity Integrity);

public sealed record ExplainedEvent(
    string Stream, long Version, long Sequence, string EventType, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? RecordedBy,
    string Source, string Link);

public sealed record ExplainedInput(string Name, decimal? Value, string Source, string Note, int EventCount, bool Truncated,
    IReadOnlyList<ExplainedEvent> Events);

public sealed record ExplainedIndicator(
    string Code, string NameRu, FormulaKind Formula, IReadOnlyDictionary<string, decimal> Parameters, IReadOnlyList<Band>? Bands,
    decimal Raw, decimal Points, decimal Max, string Derivation, IReadOnlyList<ExplainedInput> Inputs);

/// <summary>The explanation of a figure: indicator → formula and parameters → input values → the events behind each input.</summary>
public sealed record ScorecardExplanation(
    string BodyCode, int Period, MethodologyRef Methodology, DateTimeOffset AsOf, long EvidenceSequence, string Figure, decimal? Value,
    ScorecardResult Scorecard, IReadOnlyList<ExplainedIndicator> Indicators, IReadOnlyList<ExplainedInput> OtherInputs, Journal.EvidenceIntegrity Integrity);

public sealed record FigureChange(string Figure, decimal? From, decimal? To);

/// <summary>What changed between two moments: the figures and inputs that moved, and the events recorded in between that moved them.</summary>
public sealed record ScorecardDiff(
    string BodyCode, int Period, string Methodology, DateTimeOffset From, long FromSequence, int? FromRevision, DateTimeOffset To, long ToSequence,
    decimal? FinalFrom, decimal? FinalTo, IReadOnlyList<FigureChange> Figures, IReadOnlyList<FigureChange> Inputs, IReadOnlyList<ExplainedEvent> Events,
    Journal.EvidenceIntegrity Integrity);

public sealed record FigureHistoryEntry(decimal? From, decimal? To, ExplainedEvent Event);

/// <summary>Every change of one figure over recording time, each with the event that caused it.</summary>
public sealed record FigureHistory(string BodyCode, int Period, string Methodology, string Figure, decimal? Current, IReadOnlyList<FigureHistoryEntry> Changes,
    Journal.EvidenceIntegrity Integrity);

/// <summary>
/// Scorecards of an assessment computed from its evidence: live (everything recorded so far), as of a past moment,
/// under another methodology version (what-if), explained down to the events, compared between moments, and one
/// figure's history. Live and as-of use the same code path, so the live scorecard is always "as of now".
/// </summary>
public sealed class AssessmentQueries(AssessmentEvidenceLoader loader, IQuerySession session)
{
    public const int DefaultEventsPerInput = 50;

    public async Task<AssessmentView> AssessmentAsync(string body, int period, CancellationToken ct) =>
        await session.LoadAsync<AssessmentView>(Assessment.StreamKey(body, period), ct)
        ?? throw new NotFound("Assessment", $"{body}:{period}");

    /// <summary>The assessments opened, of one body or period when given: the latest period first, then by body.</summary>
    public async Task<IReadOnlyList<AssessmentView>> AssessmentsAsync(string? body, int? period, CancellationToken ct)
    {
        IQueryable<AssessmentView> query = session.Query<AssessmentView>();
        if (body is not null) query = query.Where(a => a.BodyCode == body);
        if (period is not null) query = query.Where(a => a.Period == period);
        return await query.OrderByDescending(a => a.Period).ThenBy(a => a.BodyCode).ToListAsync(ct);
    }

    public async Task<string?> BodyNameAsync(string body, CancellationToken ct) =>
        (await session.LoadAsync<Catalogue.CatalogueBody>(Domain.Catalogue.StateBody.StreamKey(body), ct))?.NameRu;

    /// <summary>
    /// A published methodology version: read once per store, then kept, since a published version is never changed (the
    /// same code again is refused). An unknown code is not kept.
    /// </summary>
    public async Task<MethodologyVersion> MethodologyAsync(string code, CancellationToken ct)
    {
        var published = PublishedVersions.GetValue(session.DocumentStore, _ => new(StringComparer.Ordinal));
        if (published.TryGetValue(code, out var known)) return known;
        var view = await session.LoadAsync<MethodologyView>(MethodologyView.StreamKey(code), ct) ?? throw new NotFound("Methodology version", code);
        return published.GetOrAdd(code, view.Version);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentStore,
        System.Collections.Concurrent.ConcurrentDictionary<string, MethodologyVersion>> PublishedVersions = new();

    /// <summary>Computes the scorecard from the evidence up to <paramref name="asOf"/> under the assessment's methodology or <paramref name="methodology"/>.</summary>
    public async Task<(ComputedScorecard Computed, EvidenceLog Log, MethodologyVersion Version, AssessmentView Assessment)> ComputeAsync(
        string body, int period, DateTimeOffset? asOf, string? methodology, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The assessment's record comes in the evidence's first round trip; a missing one is refused once it is read.
        var (log, assessment) = await loader.LoadAsync(body, period, asOf, ct);
        if (assessment is null) throw new NotFound("Assessment", $"{body}:{period}");
        if (asOf is { } t && t < assessment.OpenedBy.RecordedAt)
            throw new NotFound("Assessment", $"{body}:{period} as of {t:O} (opened {assessment.OpenedBy.RecordedAt:O})");
        var version = await MethodologyAsync(methodology ?? assessment.MethodologyCode, ct);
        var computed = ComputedScorecard.Compute(version, log.Evidence, log.Sequence, log.AsOf);
        MonitoringInstruments.ScorecardDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("live", asOf is null));
        return (computed, log, version, assessment);
    }

    public async Task<AssessmentScorecard> ScorecardAsync(string body, int period, DateTimeOffset? asOf, string? methodology, CancellationToken ct)
    {
        var (computed, log, version, assessment) = await ComputeAsync(body, period, asOf, methodology, ct);
        var revisions = assessment.Revisions.Where(r => asOf is null || r.PublishedBy.RecordedAt <= asOf).Select(Summary).ToList();
        var latest = revisions.LastOrDefault();
        var hash = computed.ContentHash();
        return new AssessmentScorecard(body, period, Ref(version), computed.EvidenceAsOf, computed.EvidenceSequence, log.SurveyComplete,
            latest is null ? "open" : "published", computed.Scorecard,
            computed.InputValues.Values.Select(i => new InputSummary(i.Name, i.Value, i.Source, i.Note, i.Events.Count)).ToList(),
            hash, latest, latest is not null && latest.ContentHash != hash && methodology is null, revisions, log.Integrity);
    }

    public async Task<ScorecardExplanation> ExplainAsync(string body, int period, string? figure, DateTimeOffset? asOf, int eventsPerInput, CancellationToken ct)
    {
        var (computed, log, version, _) = await ComputeAsync(body, period, asOf, null, ct);
        var figureCode = string.IsNullOrWhiteSpace(figure) ? "final" : figure.Trim();
        if (!TryFigure(computed, figureCode, out var value)) throw new DomainRuleViolation("figure", Figures(version));
        var results = computed.Scorecard.Criteria.SelectMany(c => c.Indicators).ToDictionary(i => i.Code);
        ExplainedInput Input(string name) => Explain(computed.InputValues.GetValueOrDefault(name), name, eventsPerInput);
        ExplainedIndicator Indicator(IndicatorDefinition d)
        {
            var r = results[d.Code];
            return new ExplainedIndicator(r.Code, r.NameRu, r.Formula, r.Parameters, d.Bands, r.Raw, r.Points, r.Max, r.Derivation,
                d.Inputs.Select(Input).ToList());
        }

        // An input asked for by name is shown with the indicators that read it.
        var isInput = computed.InputValues.ContainsKey(figureCode)
                      && !version.Criteria.Any(c => c.Code == figureCode || c.Indicators.Any(i => i.Code == figureCode));
        var explained = version.Criteria
            .SelectMany(c => c.Indicators.Where(i => figureCode is "final" or "sum" || c.Code == figureCode || i.Code == figureCode
                                                     || (isInput && i.Inputs.Contains(figureCode))))
            .Select(Indicator).ToList();
        var others = new List<ExplainedInput>();
        if (figureCode is "final" or "penalty") others.Add(Input(ScorecardCalculator.PenaltyInput));
        if (figureCode is "final") others.Add(Input(AssessmentEvidence.PreviousFinal));
        if (isInput) others.Add(Input(figureCode));
        return new ScorecardExplanation(body, period, Ref(version), computed.EvidenceAsOf, computed.EvidenceSequence, figureCode, value,
            computed.Scorecard, explained, others, log.Integrity);
    }

    /// <summary>From a moment or a published revision to a later moment (now by default).</summary>
    public async Task<ScorecardDiff> DiffAsync(string body, int period, DateTimeOffset? from, int? fromRevision, DateTimeOffset? to, CancellationToken ct)
    {
        var (after, log, version, assessment) = await ComputeAsync(body, period, to, null, ct);
        var (inputsBefore, before, fromSequence, fromMoment) = fromRevision is { } n
            ? Frozen(assessment.Revision(n))
            : Computed((await ComputeAsync(body, period,
                from ?? throw new DomainRuleViolation("from", "give a moment (from) or a published revision (fromRevision)"), null, ct)).Computed);
        if (fromSequence > after.EvidenceSequence) throw new DomainRuleViolation("to", "must be later than the starting moment");

        var figures = AllFigures(before).Zip(AllFigures(after.Scorecard))
            .Where(p => p.First.Value != p.Second.Value).Select(p => new FigureChange(p.First.Figure, p.First.Value, p.Second.Value)).ToList();
        var inputs = after.Inputs.Where(kv => inputsBefore.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => new FigureChange(kv.Key, inputsBefore.GetValueOrDefault(kv.Key), kv.Value)).ToList();
        var changedInputs = inputs.Select(i => i.Figure).ToHashSet();
        var events = after.InputValues.Values.Where(i => changedInputs.Contains(i.Name)).SelectMany(i => i.Events)
            .Where(e => e.Sequence > fromSequence).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).Select(Explain).ToList();
        return new ScorecardDiff(body, period, version.Code, fromMoment, fromSequence, fromRevision, after.EvidenceAsOf, after.EvidenceSequence,
            before.Final, after.Scorecard.Final, figures, inputs, events, log.Integrity);
    }

    private static (IReadOnlyDictionary<string, decimal?>, ScorecardResult, long, DateTimeOffset) Frozen(PublishedRevision r) =>
        (r.Published.Inputs, r.Published.Scorecard, r.Published.EvidenceSequence, r.PublishedBy.RecordedAt);

    private static (IReadOnlyDictionary<string, decimal?>, ScorecardResult, long, DateTimeOffset) Computed(ComputedScorecard c) =>
        (c.Inputs, c.Scorecard, c.EvidenceSequence, c.EvidenceAsOf);

    /// <summary>
    /// Replays the evidence event by event and keeps each change of the figure, with the event that caused it: the same fold
    /// as the live figures, applied one event at a time, the figure computed again only after an event that moved an input.
    /// </summary>
    public async Task<FigureHistory> HistoryAsync(string body, int period, string figure, CancellationToken ct)
    {
        var (computed, log, version, _) = await ComputeAsync(body, period, null, null, ct);
        if (!TryFigure(computed, figure, out var current)) throw new DomainRuleViolation("figure", Figures(version));
        var evidence = log.Start();
        var replay = new ScorecardReplay(version);
        var changes = new List<FigureHistoryEntry>();
        IReadOnlyDictionary<string, decimal?>? inputs = null;
        decimal? now = null;
        foreach (var item in log.Items)
        {
            EvidenceLog.Apply(evidence, item);
            var values = evidence.Values();
            if (inputs is null || !Same(inputs, values))
            {
                inputs = values;
                TryFigure(replay.Next(values, values.GetValueOrDefault(AssessmentEvidence.PreviousFinal)), values, figure, out now);
            }
            if (changes.Count == 0 || now != changes[^1].To) changes.Add(new FigureHistoryEntry(changes.LastOrDefault()?.To, now, Explain(item.Ref)));
        }
        return new FigureHistory(body, period, version.Code, figure, current, changes, log.Integrity);
    }

    private static bool Same(IReadOnlyDictionary<string, decimal?> a, IReadOnlyDictionary<string, decimal?> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>The sequences of the events behind a published revision's inputs (and the passports it read), as they stood when it was frozen.</summary>
    public async Task<IReadOnlyList<long>> EvidenceSequencesAsync(string body, int period, AssessmentPublished published, CancellationToken ct)
    {
        var (computed, log, _, _) = await ComputeAsync(body, period, published.EvidenceAsOf, null, ct);
        return computed.InputValues.Values.SelectMany(i => i.Events).Select(e => e.Sequence).Concat(log.Passports.Select(p => p.Ref.Sequence))
            .Where(s => s <= published.EvidenceSequence).Distinct().Order().ToList();
    }

    public static RevisionSummary Summary(PublishedRevision r) => new(r.Published.Revision, r.Published.Reason, r.Published.Scorecard.Final,
        r.Published.Scorecard.Rating, r.Published.ContentHash, r.Published.EvidenceSequence, r.PublishedBy.RecordedAt, r.PublishedBy.RecordedBy, r.Published.Journal);

    private static MethodologyRef Ref(MethodologyVersion v) => new(v.Code, v.Title, v.Reconstructed, v.Survey);

    private static string Figures(MethodologyVersion v) =>
        $"must be final, sum, penalty, a criterion ({string.Join(", ", v.Criteria.Select(c => c.Code))}), an indicator " +
        $"({string.Join(", ", v.Criteria.SelectMany(c => c.Indicators).Select(i => i.Code))}) or an input ({string.Join(", ", AssessmentEvidence.Known.Order())})";

    /// <summary>The value of a named figure: final, sum, penalty, a criterion or indicator code, or an input name (whose value may be null).</summary>
    public static bool TryFigure(ComputedScorecard c, string figure, out decimal? value) => TryFigure(c.Scorecard, c.Inputs, figure, out value);

    private static bool TryFigure(ScorecardResult s, IReadOnlyDictionary<string, decimal?> inputs, string figure, out decimal? value)
    {
        value = figure switch
        {
            "final" => s.Final,
            "sum" => s.Sum,
            "penalty" => s.Penalty,
            _ => s.Criteria.FirstOrDefault(x => x.Code == figure)?.Points
                 ?? s.Criteria.SelectMany(x => x.Indicators).FirstOrDefault(x => x.Code == figure)?.Points
                 ?? inputs.GetValueOrDefault(figure),
        };
        return figure is "final" or "sum" or "penalty" || s.Criteria.Any(x => x.Code == figure || x.Indicators.Any(i => i.Code == figure))
               || inputs.ContainsKey(figure);
    }

    private static IEnumerable<(string Figure, decimal? Value)> AllFigures(ScorecardResult s) =>
        s.Criteria.SelectMany(c => c.Indicators.Select(i => (i.Code, (decimal?)i.Points)).Prepend((c.Code, c.Points)))
            .Append(("sum", s.Sum)).Append(("penalty", s.Penalty)).Append(("final", s.Final)).Append(("change", s.Change));

    private static ExplainedInput Explain(InputValue? input, string name, int limit) => input is null
        ? new ExplainedInput(name, null, "none", "the evidence provides no such input", 0, false, [])
        : new ExplainedInput(input.Name, input.Value, input.Source, input.Note, input.Events.Count, input.Events.Count > limit,
            input.Events.TakeLast(limit).Select(Explain).ToList());

    public static ExplainedEvent Explain(EvidenceRef e) => new(e.Stream, e.Version, e.Sequence, e.EventType, e.BusinessDate, e.RecordedAt,
        e.RecordedBy, e.Source, $"/api/audit/streams/{Uri.EscapeDataString(e.Stream)}/events?version={e.Version}");
}

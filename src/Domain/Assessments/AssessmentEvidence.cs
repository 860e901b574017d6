using System.Runtime.InteropServices;
using Monitoring.Domain.Complaints;
using Monitoring.Domain.Deliveries;
using Monitoring.Domain.Inspections;
using Monitoring.Domain.InternalControl;

namespace Monitoring.Domain.Assessments;

/// <summary>An event behind an input: where to read it, what it is, the business date it concerns, when and by whom it was recorded.</summary>
public sealed record EvidenceRef(
    string Stream, long Version, long Sequence, string EventType, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? RecordedBy,
    string Source);

/// <summary>One input of the scorecard: its value, where it comes from, how it was counted and the events behind it.</summary>
public sealed record InputValue(string Name, decimal? Value, string Source, string Note, IReadOnlyList<EvidenceRef> Events);

/// <summary>
/// The evidence of one body and period folded into the named inputs a methodology reads. Pure: the loader feeds it the
/// events of the body's reports, inspections, complaints and assessment streams up to some moment, the survey answers
/// pooled per event, and the service passports valid at each period's end; the fold does the counting the methodology
/// describes (distinct late deliveries across sources, one-day services out of the base, standing violations after
/// corrections and revocations, justified complaints, recognised measures, standing penalties).
/// </summary>
/// <param name="expectedEvents">How many events are about to be folded, if known: the violations' tables are made that size
/// at once (a fold of thousands of violations otherwise grows them step by step, the last step on the large object heap).</param>
public sealed class AssessmentEvidence(string bodyCode, int period, int expectedEvents = 0)
{
    public const string PreviousFinal = "previous.final";

    /// <summary>Every input name the evidence provides; a methodology version may read only these.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(
        typeof(Kz2017.Inputs).GetFields().Select(f => (string)f.GetValue(null)!).Append(ScorecardCalculator.PenaltyInput).Append(PreviousFinal));

    private readonly List<(EvidenceRef Ref, DeliveryReportSubmitted Report)> _deliveries = [];
    private readonly List<(EvidenceRef Ref, InternalControlReportSubmitted Report)> _internalControl = [];
    private readonly Dictionary<(string Inspection, string Violation), ViolationState> _violations = new(expectedEvents);
    /// <summary>The events behind each violation: its recording, corrections and revocation.</summary>
    private readonly Dictionary<ViolationState, List<EvidenceRef>> _violationRefs = new(expectedEvents, ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Trail<ComplaintLodged>> _complaints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Trail<PenaltyAssessed>> _penalties = new(StringComparer.Ordinal);
    private readonly List<EvidenceRef> _survey = [];
    private long _raters, _topBox, _positive;
    private readonly Dictionary<(string Service, int Period), (ServicePassport Passport, EvidenceRef Ref)> _passports = [];
    private (EvidenceRef Ref, AssessmentOpened Opened)? _opened;
    private (EvidenceRef Ref, SatisfactionMeasuresReported Report)? _measures;
    private (EvidenceRef Ref, SatisfactionMeasuresRecognised Recognition)? _recognition;
    private (EvidenceRef Ref, AssessmentPublished Published)? _previousAssessment;

    // Kept as the events are folded, so that the values after each event cost little: a replay of thousands of events
    // (the history of a figure) reads them instead of recounting every violation and late delivery at every step.
    /// <summary>Standing inspected violations per type and period (after corrections and revocations).</summary>
    private readonly Dictionary<(ViolationType Type, int Period), long> _standing = [];
    /// <summary>Per period: violations that are or were recorded as deadline breaches, and the standing breaches' deliveries known only as a count.</summary>
    private readonly Dictionary<int, (long Recorded, long Unreferenced)> _breaches = [];
    /// <summary>Complaints of the period decided justified.</summary>
    private int _justified;
    /// <summary>
    /// Deadline compliance per period from the delivery reports, passports and the standing breaches with case references,
    /// computed when asked and dropped when one of those changes (a breach known only as a count is added on top).
    /// </summary>
    private readonly Dictionary<int, (DeadlineCompliance Cased, long Unreferenced, DeadlineCompliance Figures)> _deadlines = [];

    /// <summary>The violation types whose inputs the fold provides, with the input names.</summary>
    private static readonly (string Input, ViolationType Type)[] ScoredViolations =
    [
        (Kz2017.Inputs.UnjustifiedRefusals, ViolationType.UnjustifiedRefusal),
        (Kz2017.Inputs.IncompletePackage, ViolationType.IncompletePackage),
        (Kz2017.Inputs.ExtraDocuments, ViolationType.ExtraDocumentsDemanded),
        (Kz2017.Inputs.BusinessProcess, ViolationType.BusinessProcessBreach),
    ];

    public string BodyCode => bodyCode;
    public int Period => period;
    public AssessmentOpened? Opened => _opened?.Opened;

    /// <summary>A complaint (or penalty) with what became of it: justified (or withdrawn), and the events behind it.</summary>
    private sealed class Trail<T>(T first, EvidenceRef recordedBy)
    {
        public readonly T First = first;
        public bool? Outcome;
        public readonly List<EvidenceRef> Refs = [recordedBy];
    }

    /// <summary>The business date an event concerns and the kind of source it is, for the evidence references.</summary>
    public static (DateOnly? BusinessDate, string Source) Describe(object data) => data switch
    {
        DeliveryReportSubmitted r => (new DateOnly(r.Period, 12, 31), r.Source.ToString()),
        InternalControlReportSubmitted r => (new DateOnly(r.Period, 12, 31), "InternalControl"),
        InspectionOpened o => (o.OpenedOn, "Inspection"),
        ViolationRecorded or ViolationsImported or ViolationCorrected or ViolationRevoked or InspectionClosed => (null, "Inspection"),
        ComplaintLodged l => (l.LodgedOn, "Complaint"),
        ComplaintDecided d => (d.DecidedOn, "Complaint"),
        ComplaintAnswered a => (a.AnsweredOn, "Complaint"),
        AssessmentOpened or SatisfactionMeasuresRecognised or PenaltyAssessed or PenaltyWithdrawn or AssessmentPublished => (null, "Assessor"),
        SatisfactionMeasuresReported m => (new DateOnly(m.Period, 12, 31), "BodyReport"),
        _ => (null, "Other"),
    };

    /// <summary>Folds one event of the body's streams; events must come in recording order.</summary>
    public void Add(EvidenceRef e, object data)
    {
        switch (data)
        {
            case DeliveryReportSubmitted r when r.BodyCode == bodyCode:
                _deliveries.Add((e, r));
                _deadlines.Remove(r.Period);
                break;
            case InternalControlReportSubmitted r when r.BodyCode == bodyCode && r.Period == period:
                _internalControl.Add((e, r));
                break;
            case ViolationsImported many:
                // A file's violations are applied one by one, each with the event that recorded them all.
                foreach (var fact in many.Violations) Violation(e, fact);
                break;
            case ViolationRecorded or ViolationCorrected or ViolationRevoked:
                Violation(e, data);
                break;
            case ComplaintLodged l when l.BodyCode == bodyCode && l.LodgedOn.Year == period:
                if (_complaints.TryGetValue(l.ComplaintId, out var replaced) && replaced.Outcome == true) _justified--;
                _complaints[l.ComplaintId] = new(l, e);
                break;
            case ComplaintDecided d when _complaints.TryGetValue(d.ComplaintId, out var decided):
                _justified += (d.Justified ? 1 : 0) - (decided.Outcome == true ? 1 : 0);
                decided.Outcome = d.Justified;
                decided.Refs.Add(e);
                break;
            case AssessmentOpened o when o.BodyCode == bodyCode && o.Period == period:
                _opened = (e, o);
                break;
            case SatisfactionMeasuresReported m when m.BodyCode == bodyCode && m.Period == period:
                _measures = (e, m);
                _recognition = null;
                break;
            case SatisfactionMeasuresRecognised r when r.BodyCode == bodyCode && r.Period == period:
                _recognition = (e, r);
                break;
            case PenaltyAssessed p when p.BodyCode == bodyCode && p.Period == period:
                _penalties[p.PenaltyId] = new(p, e);
                break;
            case PenaltyWithdrawn w when w.BodyCode == bodyCode && w.Period == period && _penalties.TryGetValue(w.PenaltyId, out var withdrawn):
                withdrawn.Outcome = true;
                withdrawn.Refs.Add(e);
                break;
            case AssessmentPublished p when p.BodyCode == bodyCode && p.Period == period - 1:
                _previousAssessment = (e, p);
                break;
        }
    }

    /// <summary>Answers of one survey event (a single answer or an imported batch) pooled for the body's services.</summary>
    public void AddSurvey(EvidenceRef e, long raters, long topBox, long positive)
    {
        _survey.Add(e);
        (_raters, _topBox, _positive) = (_raters + raters, _topBox + topBox, _positive + positive);
    }

    /// <summary>The passport of a service valid at the end of a period, as the catalogue recorded it.</summary>
    public void SetPassport(string service, int forPeriod, ServicePassport passport, EvidenceRef recordedBy)
    {
        _passports[(service, forPeriod)] = (passport, recordedBy);
        _deadlines.Remove(forPeriod);
    }

    /// <summary>
    /// One violation recorded, corrected or revoked: what it counted before (the ledger changes it in place, or replaces it)
    /// comes off the running counts, and what it counts after goes on.
    /// </summary>
    private void Violation(EvidenceRef e, object fact)
    {
        var before = Counts.Of(ViolationLedger.Find(_violations, fact));
        if (ViolationLedger.Apply(_violations, fact) is not { } violation) return;
        (CollectionsMarshal.GetValueRefOrAddDefault(_violationRefs, violation, out _) ??= []).Add(e);
        Count(before, -1);
        Count(Counts.Of(violation), +1);
    }

    /// <summary>What a violation counts as it stands at one moment (its state changes in place as events are folded).</summary>
    private readonly record struct Counts(ViolationType Type, int Period, long Count, bool Standing, bool Breach, bool Cased)
    {
        public static Counts? Of(ViolationState? v) => v is null ? null
            : new Counts(v.Type, v.Recorded.Period, v.Count, !v.Revoked,
                v.Type == ViolationType.DeadlineBreach || v.Recorded.Type == ViolationType.DeadlineBreach, v.Cases is { Count: > 0 });
    }

    /// <summary>Adds (+1) or takes away (−1) what a violation counts in the running counts.</summary>
    private void Count(Counts? counts, int sign)
    {
        if (counts is not { } c) return;
        ref var breaches = ref CollectionsMarshal.GetValueRefOrAddDefault(_breaches, c.Period, out _);
        if (c.Breach) breaches.Recorded += sign;
        if (!c.Standing) return;
        CollectionsMarshal.GetValueRefOrAddDefault(_standing, (c.Type, c.Period), out _) += sign * c.Count;
        if (c.Type != ViolationType.DeadlineBreach) return;
        // A breach with case references is de-duplicated against the reports' late deliveries: the figures are counted again.
        if (c.Cased) _deadlines.Remove(c.Period);
        else breaches.Unreferenced += sign * c.Count;
    }

    /// <summary>Services delivered in this or the previous period: their passports decide the one-day exclusion.</summary>
    public IEnumerable<(string Service, int Period)> ServicesNeedingPassports() =>
        _deliveries.Where(d => d.Report.Period == period || d.Report.Period == period - 1)
            .SelectMany(d => d.Report.Lines.Select(l => (l.ServiceCode, d.Report.Period))).Distinct();

    /// <summary>
    /// The value of every input as the evidence stands: what <see cref="Inputs"/> states, without the notes and events
    /// (a replay that only needs the figures after each event, as the history of a figure does).
    /// </summary>
    public IReadOnlyDictionary<string, decimal?> Values()
    {
        var (current, _) = DeadlineFigures(period);
        var (previous, previousKnown) = DeadlineFigures(period - 1);
        var recognised = _measures is not null && _recognition is { Recognition.Recognised: true };
        var values = new Dictionary<string, decimal?>(17)
        {
            [Kz2017.Inputs.TopBoxShare] = _raters == 0 ? null : (decimal)_topBox / _raters,
            [Kz2017.Inputs.PositiveShare] = _raters == 0 ? null : (decimal)_positive / _raters,
            [Kz2017.Inputs.MonitoringHeld] = recognised && _measures!.Value.Report.OwnMonitoringHeld ? 1 : 0,
            [Kz2017.Inputs.MeasuresAdopted] = recognised && _measures!.Value.Report.MeasuresAdopted ? 1 : 0,
            [Kz2017.Inputs.Late] = current.LateDistinct,
            [Kz2017.Inputs.Counted] = current.Counted,
            [Kz2017.Inputs.PreviousShare] = previous.LateShare,
            [Kz2017.Inputs.PreviousLate] = previousKnown ? previous.LateDistinct : null,
        };
        foreach (var (name, type) in ScoredViolations) values[name] = ByInspections(type) + ByReports(type);
        values[Kz2017.Inputs.JustifiedComplaints] = _justified;
        values[Kz2017.Inputs.FoundByInternalControl] = _internalControl.Sum(r => r.Report.DeadlineViolationsFound);
        values[ScorecardCalculator.PenaltyInput] = _penalties.Values.Where(p => p.Outcome != true).Sum(p => p.First.Points);
        values[PreviousFinal] = _previousAssessment is { } prev ? prev.Published.Scorecard.Final : _opened?.Opened.PreviousFinal;
        return values;
    }

    private long ByInspections(ViolationType type) => _standing.GetValueOrDefault((type, period));

    private long ByReports(ViolationType type) => _internalControl.Sum(r => r.Report.ViolationsByType.GetValueOrDefault(type));

    /// <summary>The inputs with their values (<see cref="Values"/>), where each comes from, how it was counted, and the events behind it.</summary>
    public IReadOnlyDictionary<string, InputValue> Inputs()
    {
        var values = Values();
        var inputs = new List<InputValue>();
        void Add(string name, string source, string note, IReadOnlyList<EvidenceRef> events) => inputs.Add(new(name, values[name], source, note, events));
        var surveyRefs = _survey.ToList();
        Add(Kz2017.Inputs.TopBoxShare, "Survey",
            $"{_topBox} «полностью удовлетворены» (5) из {_raters} оценивших услуги органа в общественном мониторинге периода", surveyRefs);
        Add(Kz2017.Inputs.PositiveShare, "Survey",
            $"{_positive} удовлетворены или полностью удовлетворены (4–5) из {_raters} оценивших услуги органа в общественном мониторинге периода", surveyRefs);

        var measureRefs = Events(new[] { _measures?.Ref, _recognition?.Ref }.OfType<EvidenceRef>());
        var measuresNote = _measures is null ? "меры не представлены"
            : _recognition is null ? "представлены, ещё не признаны оценщиком"
            : _recognition.Value.Recognition.Recognised ? $"представлены и признаны: {_recognition.Value.Recognition.Reason}"
            : $"в признании отказано: {_recognition.Value.Recognition.Reason}";
        Add(Kz2017.Inputs.MonitoringHeld, "BodyReport", measuresNote, measureRefs);
        Add(Kz2017.Inputs.MeasuresAdopted, "BodyReport", measuresNote, measureRefs);

        var (current, currentRefs, currentCountedRefs, currentNote) = Deadlines(period);
        var (_, previousRefs, _, previousNote) = Deadlines(period - 1);
        Add(Kz2017.Inputs.Late, "Deliveries",
            $"различные просроченные оказания по всем источникам (одно оказание учитывается один раз): {string.Join(", ", current.LateBySource.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}",
            currentRefs);
        Add(Kz2017.Inputs.Counted, "Deliveries", currentNote, currentCountedRefs);
        Add(Kz2017.Inputs.PreviousShare, "Deliveries", $"{period - 1}: {previousNote}", previousRefs);
        Add(Kz2017.Inputs.PreviousLate, "Deliveries", $"{period - 1}: различные просроченные оказания", previousRefs);

        foreach (var (name, type) in ScoredViolations)
        {
            var reported = _internalControl.Where(r => r.Report.ViolationsByType.ContainsKey(type)).ToList();
            Add(name, "Inspections+InternalControl",
                $"{type}: {ByInspections(type)} по проверкам (с учётом исправлений и отзывов) + {ByReports(type)} по отчётам внутреннего контроля органа",
                Events(Violations(type, period).SelectMany(v => _violationRefs[v]).Concat(reported.Select(r => r.Ref))));
        }

        var justified = _complaints.Values.Where(c => c.Outcome == true).ToList();
        Add(Kz2017.Inputs.JustifiedComplaints, "Complaints", $"{justified.Count} обоснованных из {_complaints.Count} поданных в {period} году",
            Events(justified.SelectMany(c => c.Refs)));

        Add(Kz2017.Inputs.FoundByInternalControl, "InternalControl",
            $"нарушения сроков, выявленные внутренним контролем органа (отчётов: {_internalControl.Count})", Events(_internalControl.Select(r => r.Ref)));

        var standing = _penalties.Values.Where(p => p.Outcome != true).Select(p => p.First).ToList();
        Add(ScorecardCalculator.PenaltyInput, "Assessor",
            standing.Count == 0 ? "штрафные баллы не начислены" : string.Join("; ", standing.Select(p => $"{ScorecardCalculator.F(p.Points)}: {p.Reason} (основание: {p.LegalBasis})")),
            Events(_penalties.Values.SelectMany(p => p.Refs)));

        if (_previousAssessment is { } prev)
            Add(PreviousFinal, "Assessment", $"итоговая оценка опубликованной редакции {prev.Published.Revision} за {period - 1} год", [prev.Ref]);
        else
            Add(PreviousFinal, "Assessor",
                _opened?.Opened.PreviousFinal is null ? "неизвестна" : $"указана при открытии оценки: {_opened.Value.Opened.PreviousFinalSource}",
                _opened is { } o ? [o.Ref] : []);

        return inputs.ToDictionary(i => i.Name);
    }

    /// <summary>The body's violations of a type and period, standing or not (a revoked one still has the events behind it).</summary>
    private IEnumerable<ViolationState> Violations(ViolationType type, int forPeriod) =>
        _violations.Values.Where(v => v.Recorded.Period == forPeriod && (v.Type == type || v.Recorded.Type == type));

    /// <summary>
    /// A period's deadline compliance as <see cref="DeadlineCompliance.OfReports"/> counts it from the reports and the
    /// standing breaches, and whether anything about it is known (a report, or a violation recorded as a breach).
    /// </summary>
    private (DeadlineCompliance Figures, bool Known) DeadlineFigures(int forPeriod)
    {
        var breaches = _breaches.GetValueOrDefault(forPeriod);
        var known = breaches.Recorded > 0 || _deliveries.Any(d => d.Report.Period == forPeriod);
        var found = _deadlines.TryGetValue(forPeriod, out var kept);
        if (found && kept.Unreferenced == breaches.Unreferenced) return (kept.Figures, known);
        var cased = found ? kept.Cased : DeadlineCompliance.OfReports(_deliveries.Where(d => d.Report.Period == forPeriod).Select(d => d.Report).ToList(),
            Violations(ViolationType.DeadlineBreach, forPeriod).Where(v => !v.Revoked && v.Type == ViolationType.DeadlineBreach && v.Cases is { Count: > 0 })
                .Select(v => new InspectedBreach(v.Recorded.ServiceCode, v.Count, v.Cases)).ToList(),
            service => _passports.TryGetValue((service, forPeriod), out var p) ? p.Passport : null);
        // The breaches known only as a count add as OfReports adds them.
        var figures = cased.Plus(DeliverySource.Inspection, breaches.Unreferenced);
        _deadlines[forPeriod] = (cased, breaches.Unreferenced, figures);
        return (figures, known);
    }

    /// <summary>The events behind an input, once each (violations imported together share the event that recorded them), in order.</summary>
    private static List<EvidenceRef> Events(IEnumerable<EvidenceRef> refs)
    {
        // Sorted by sequence, an event named twice is next to itself: kept once without hashing every reference.
        var sorted = refs.OrderBy(r => r.Sequence).ToList();
        var kept = 0;
        for (var i = 0; i < sorted.Count; i++)
            if (kept == 0 || sorted[i].Sequence != sorted[kept - 1].Sequence) sorted[kept++] = sorted[i];
        sorted.RemoveRange(kept, sorted.Count - kept);
        return sorted;
    }

    private (DeadlineCompliance Figures, List<EvidenceRef> LateRefs, List<EvidenceRef> CountedRefs, string Note) Deadlines(int forPeriod)
    {
        var (figures, _) = DeadlineFigures(forPeriod);
        var periodReports = _deliveries.Where(d => d.Report.Period == forPeriod).ToList();
        var reports = periodReports.Select(d => d.Report).ToList();
        var source = DeadlineCompliance.DeliveringSource(reports);
        var lateRefs = Events(periodReports.Where(r => r.Report.LateDeliveries.Count > 0).Select(r => r.Ref)
            .Concat(Violations(ViolationType.DeadlineBreach, forPeriod).SelectMany(v => _violationRefs[v])));
        var countedRefs = Events(periodReports.Where(r => r.Report.Source == source).Select(r => r.Ref)
            .Concat(DeadlineCompliance.DeliveredByService(reports).Keys.Select(code => _passports.TryGetValue((code, forPeriod), out var p) ? p.Ref : null).OfType<EvidenceRef>()));
        var note = $"{figures.Delivered} оказано (по отчётам: {source}) − {figures.ExcludedOneDay} по услугам со сроком один рабочий день = {figures.Counted}";
        return (figures, lateRefs, countedRefs, note);
    }
}

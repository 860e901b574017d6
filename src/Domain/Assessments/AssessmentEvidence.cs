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
public sealed class AssessmentEvidence(string bodyCode, int period)
{
    public const string PreviousFinal = "previous.final";

    /// <summary>Every input name the evidence provides; a methodology version may read only these.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(
        typeof(Kz2017.Inputs).GetFields().Select(f => (string)f.GetValue(null)!).Append(ScorecardCalculator.PenaltyInput).Append(PreviousFinal));

    private readonly List<(EvidenceRef Ref, DeliveryReportSubmitted Report)> _deliveries = [];
    private readonly List<(EvidenceRef Ref, InternalControlReportSubmitted Report)> _internalControl = [];
    private readonly Dictionary<string, ViolationState> _violations = new(StringComparer.Ordinal);
    /// <summary>The events behind each violation: its recording, corrections and revocation.</summary>
    private readonly Dictionary<ViolationState, List<EvidenceRef>> _violationRefs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Trail<ComplaintLodged>> _complaints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Trail<PenaltyAssessed>> _penalties = new(StringComparer.Ordinal);
    private readonly List<EvidenceRef> _survey = [];
    private long _raters, _topBox, _positive;
    private readonly Dictionary<(string Service, int Period), (ServicePassport Passport, EvidenceRef Ref)> _passports = [];
    private (EvidenceRef Ref, AssessmentOpened Opened)? _opened;
    private (EvidenceRef Ref, SatisfactionMeasuresReported Report)? _measures;
    private (EvidenceRef Ref, SatisfactionMeasuresRecognised Recognition)? _recognition;
    private (EvidenceRef Ref, AssessmentPublished Published)? _previousAssessment;

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
                break;
            case InternalControlReportSubmitted r when r.BodyCode == bodyCode && r.Period == period:
                _internalControl.Add((e, r));
                break;
            case ViolationRecorded or ViolationsImported or ViolationCorrected or ViolationRevoked:
                foreach (var violation in ViolationLedger.Apply(_violations, data))
                    (CollectionsMarshal.GetValueRefOrAddDefault(_violationRefs, violation, out _) ??= []).Add(e);
                break;
            case ComplaintLodged l when l.BodyCode == bodyCode && l.LodgedOn.Year == period:
                _complaints[l.ComplaintId] = new(l, e);
                break;
            case ComplaintDecided d when _complaints.TryGetValue(d.ComplaintId, out var decided):
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
    public void SetPassport(string service, int forPeriod, ServicePassport passport, EvidenceRef recordedBy) =>
        _passports[(service, forPeriod)] = (passport, recordedBy);

    /// <summary>Services delivered in this or the previous period: their passports decide the one-day exclusion.</summary>
    public IEnumerable<(string Service, int Period)> ServicesNeedingPassports() =>
        _deliveries.Where(d => d.Report.Period == period || d.Report.Period == period - 1)
            .SelectMany(d => d.Report.Lines.Select(l => (l.ServiceCode, d.Report.Period))).Distinct();

    /// <summary>
    /// The inputs with their notes and, unless <paramref name="withEvents"/> is false (a replay that only needs the
    /// values, as the history of a figure does), the events behind each.
    /// </summary>
    public IReadOnlyDictionary<string, InputValue> Inputs(bool withEvents = true)
    {
        var inputs = new List<InputValue>();
        // Once each: violations imported together share the event that recorded them.
        List<EvidenceRef> Events(Func<IEnumerable<EvidenceRef>> refs) => withEvents ? refs().Distinct().OrderBy(r => r.Sequence).ToList() : [];

        var surveyRefs = withEvents ? _survey.ToList() : [];
        inputs.Add(new(Kz2017.Inputs.TopBoxShare, _raters == 0 ? null : (decimal)_topBox / _raters, "Survey",
            $"{_topBox} «полностью удовлетворены» (5) из {_raters} оценивших услуги органа в общественном мониторинге периода", surveyRefs));
        inputs.Add(new(Kz2017.Inputs.PositiveShare, _raters == 0 ? null : (decimal)_positive / _raters, "Survey",
            $"{_positive} удовлетворены или полностью удовлетворены (4–5) из {_raters} оценивших услуги органа в общественном мониторинге периода", surveyRefs));

        var recognised = _measures is not null && _recognition is { Recognition.Recognised: true };
        var measureRefs = Events(() => new[] { _measures?.Ref, _recognition?.Ref }.OfType<EvidenceRef>());
        var measuresNote = _measures is null ? "меры не представлены"
            : _recognition is null ? "представлены, ещё не признаны оценщиком"
            : _recognition.Value.Recognition.Recognised ? $"представлены и признаны: {_recognition.Value.Recognition.Reason}"
            : $"в признании отказано: {_recognition.Value.Recognition.Reason}";
        inputs.Add(new(Kz2017.Inputs.MonitoringHeld, recognised && _measures!.Value.Report.OwnMonitoringHeld ? 1 : 0, "BodyReport", measuresNote, measureRefs));
        inputs.Add(new(Kz2017.Inputs.MeasuresAdopted, recognised && _measures!.Value.Report.MeasuresAdopted ? 1 : 0, "BodyReport", measuresNote, measureRefs));

        var (current, currentRefs, currentCountedRefs, currentNote, _) = Deadlines(period, withEvents);
        var (previous, previousRefs, _, previousNote, previousKnown) = Deadlines(period - 1, withEvents);
        inputs.Add(new(Kz2017.Inputs.Late, current.LateDistinct, "Deliveries",
            $"различные просроченные оказания по всем источникам (одно оказание учитывается один раз): {string.Join(", ", current.LateBySource.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}",
            currentRefs));
        inputs.Add(new(Kz2017.Inputs.Counted, current.Counted, "Deliveries", currentNote, currentCountedRefs));
        inputs.Add(new(Kz2017.Inputs.PreviousShare, previous.LateShare, "Deliveries", $"{period - 1}: {previousNote}", previousRefs));
        inputs.Add(new(Kz2017.Inputs.PreviousLate, previousKnown ? previous.LateDistinct : null, "Deliveries",
            $"{period - 1}: различные просроченные оказания", previousRefs));

        foreach (var (name, type) in new[]
                 {
                     (Kz2017.Inputs.UnjustifiedRefusals, ViolationType.UnjustifiedRefusal),
                     (Kz2017.Inputs.IncompletePackage, ViolationType.IncompletePackage),
                     (Kz2017.Inputs.ExtraDocuments, ViolationType.ExtraDocumentsDemanded),
                     (Kz2017.Inputs.BusinessProcess, ViolationType.BusinessProcessBreach),
                 })
        {
            var inspected = Violations(type, period).ToList();
            var byInspections = inspected.Where(v => !v.Revoked && v.Type == type).Sum(v => v.Count);
            var reported = _internalControl.Where(r => r.Report.ViolationsByType.ContainsKey(type)).ToList();
            var byReports = reported.Sum(r => r.Report.ViolationsByType[type]);
            inputs.Add(new(name, byInspections + byReports, "Inspections+InternalControl",
                $"{type}: {byInspections} по проверкам (с учётом исправлений и отзывов) + {byReports} по отчётам внутреннего контроля органа",
                Events(() => inspected.SelectMany(v => _violationRefs[v]).Concat(reported.Select(r => r.Ref)))));
        }

        var justified = _complaints.Values.Where(c => c.Outcome == true).ToList();
        inputs.Add(new(Kz2017.Inputs.JustifiedComplaints, justified.Count, "Complaints",
            $"{justified.Count} обоснованных из {_complaints.Count} поданных в {period} году",
            Events(() => justified.SelectMany(c => c.Refs))));

        inputs.Add(new(Kz2017.Inputs.FoundByInternalControl, _internalControl.Sum(r => r.Report.DeadlineViolationsFound), "InternalControl",
            $"нарушения сроков, выявленные внутренним контролем органа (отчётов: {_internalControl.Count})",
            Events(() => _internalControl.Select(r => r.Ref))));

        var standing = _penalties.Values.Where(p => p.Outcome != true).Select(p => p.First).ToList();
        inputs.Add(new(ScorecardCalculator.PenaltyInput, standing.Sum(p => p.Points), "Assessor",
            standing.Count == 0 ? "штрафные баллы не начислены" : string.Join("; ", standing.Select(p => $"{ScorecardCalculator.F(p.Points)}: {p.Reason} (основание: {p.LegalBasis})")),
            Events(() => _penalties.Values.SelectMany(p => p.Refs))));

        inputs.Add(_previousAssessment is { } prev
            ? new(PreviousFinal, prev.Published.Scorecard.Final, "Assessment",
                $"итоговая оценка опубликованной редакции {prev.Published.Revision} за {period - 1} год", [prev.Ref])
            : new(PreviousFinal, _opened?.Opened.PreviousFinal, "Assessor",
                _opened?.Opened.PreviousFinal is null ? "неизвестна" : $"указана при открытии оценки: {_opened.Value.Opened.PreviousFinalSource}",
                _opened is { } o ? [o.Ref] : []));

        return inputs.ToDictionary(i => i.Name);
    }

    /// <summary>The body's violations of a type and period, standing or not (a revoked one still has the events behind it).</summary>
    private IEnumerable<ViolationState> Violations(ViolationType type, int forPeriod) =>
        _violations.Values.Where(v => v.Recorded.Period == forPeriod && (v.Type == type || v.Recorded.Type == type));

    private (DeadlineCompliance Figures, List<EvidenceRef> LateRefs, List<EvidenceRef> CountedRefs, string Note, bool Known) Deadlines(
        int forPeriod, bool withEvents)
    {
        var periodReports = _deliveries.Where(d => d.Report.Period == forPeriod).ToList();
        var reports = periodReports.Select(d => d.Report).ToList();
        var breaches = Violations(ViolationType.DeadlineBreach, forPeriod).ToList();
        var figures = DeadlineCompliance.OfReports(reports,
            breaches.Where(v => !v.Revoked && v.Type == ViolationType.DeadlineBreach).Select(v => new InspectedBreach(v.Recorded.ServiceCode, v.Count, v.Cases)).ToList(),
            service => _passports.TryGetValue((service, forPeriod), out var p) ? p.Passport : null);
        var source = DeadlineCompliance.DeliveringSource(reports);
        List<EvidenceRef> Events(IEnumerable<EvidenceRef> refs) => withEvents ? refs.Distinct().OrderBy(r => r.Sequence).ToList() : [];
        var lateRefs = Events(periodReports.Where(r => r.Report.LateDeliveries.Count > 0).Select(r => r.Ref).Concat(breaches.SelectMany(v => _violationRefs[v])));
        var countedRefs = Events(periodReports.Where(r => r.Report.Source == source).Select(r => r.Ref)
            .Concat(DeadlineCompliance.DeliveredByService(reports).Keys.Select(code => _passports.TryGetValue((code, forPeriod), out var p) ? p.Ref : null).OfType<EvidenceRef>()));
        var note = $"{figures.Delivered} оказано (по отчётам: {source}) − {figures.ExcludedOneDay} по услугам со сроком один рабочий день = {figures.Counted}";
        return (figures, lateRefs, countedRefs, note, reports.Count > 0 || breaches.Count > 0);
    }
}

using Monitoring.Domain.Assessments;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;
using Monitoring.Domain.Complaints;
using Monitoring.Domain.Deliveries;
using Monitoring.Domain.Inspections;
using Monitoring.Domain.InternalControl;
using Monitoring.Domain.Methodology;

namespace Monitoring.Domain.Tests.Assessments;

public sealed class AssessmentEvidenceTests
{
    private long _sequence;

    private EvidenceRef Ref(string stream, object data)
    {
        var (date, source) = AssessmentEvidence.Describe(data);
        _sequence++;
        return new EvidenceRef(stream, 1, _sequence, data.GetType().Name, date, DateTimeOffset.UnixEpoch.AddMinutes(_sequence), "tester", source);
    }

    private void Add(AssessmentEvidence e, string stream, object data) => e.Add(Ref(stream, data), data);

    private static ViolationRecorded Violation(string id, ViolationType type, long count, int period = 2017) =>
        new("I1", id, type, "TEN", null, period, count, null, "act");

    [Fact]
    public void Corrections_and_revocations_stand_and_every_event_behind_an_input_is_listed()
    {
        var e = new AssessmentEvidence("B", 2017);
        Add(e, "inspection:I1", Violation("a", ViolationType.BusinessProcessBreach, 100));
        Add(e, "inspection:I1", Violation("b", ViolationType.BusinessProcessBreach, 20));
        Add(e, "inspection:I1", Violation("c", ViolationType.BusinessProcessBreach, 7, period: 2016));
        Add(e, "inspection:I1", new ViolationCorrected("I1", "a", ViolationType.IncompletePackage, 90, null, "wrong type"));
        Add(e, "inspection:I1", new ViolationRevoked("I1", "b", "not a violation"));
        Add(e, "ic:B", new InternalControlReportSubmitted("r", "B", 2017, 1, 1, 0, 3,
            new Dictionary<ViolationType, long> { [ViolationType.IncompletePackage] = 5 }));

        var inputs = e.Inputs();
        inputs[Kz2017.Inputs.BusinessProcess].Value.ShouldBe(0);
        // The corrected violation moved type: its original and its correction are behind both inputs.
        inputs[Kz2017.Inputs.BusinessProcess].Events.Select(r => r.Sequence).ShouldBe([1, 2, 4, 5]);
        inputs[Kz2017.Inputs.IncompletePackage].Value.ShouldBe(95);
        inputs[Kz2017.Inputs.IncompletePackage].Events.Select(r => r.Sequence).ShouldBe([1, 4, 6]);
        inputs[Kz2017.Inputs.FoundByInternalControl].Value.ShouldBe(3);
    }

    [Fact]
    public void Measures_count_only_once_recognised_and_a_new_report_needs_a_new_recognition()
    {
        var e = new AssessmentEvidence("B", 2017);
        Add(e, "assessment:B:2017", new AssessmentOpened("B", 2017, "KZ-2017", 39, "Заключение 2016"));
        Add(e, "assessment:B:2017", new SatisfactionMeasuresReported("B", 2017, true, true, "Мониторинг и план", "Приказ 1"));
        e.Inputs()[Kz2017.Inputs.MonitoringHeld].Value.ShouldBe(0);
        Add(e, "assessment:B:2017", new SatisfactionMeasuresRecognised("B", 2017, true, "Подтверждено"));
        e.Inputs()[Kz2017.Inputs.MeasuresAdopted].Value.ShouldBe(1);
        Add(e, "assessment:B:2017", new SatisfactionMeasuresReported("B", 2017, true, false, "Только мониторинг", "Приказ 2"));
        e.Inputs()[Kz2017.Inputs.MonitoringHeld].Value.ShouldBe(0);
        e.Inputs()[AssessmentEvidence.PreviousFinal].Value.ShouldBe(39);
    }

    [Fact]
    public void Penalties_sum_without_the_withdrawn_and_complaints_count_when_justified_in_the_period()
    {
        var e = new AssessmentEvidence("B", 2017);
        Add(e, "assessment:B:2017", new PenaltyAssessed("B", 2017, "p1", 2, "Недостоверные данные", "п. 12"));
        Add(e, "assessment:B:2017", new PenaltyAssessed("B", 2017, "p2", 1.5m, "Срыв сроков отчёта", "п. 13"));
        Add(e, "assessment:B:2017", new PenaltyWithdrawn("B", 2017, "p1", "Ошибка"));
        Add(e, "complaint:c1", new ComplaintLodged("c1", "B", null, Channel.Body, new DateOnly(2017, 3, 1), new DateOnly(2017, 3, 16), "x"));
        Add(e, "complaint:c1", new ComplaintDecided("c1", true, "да", new DateOnly(2017, 3, 5)));
        Add(e, "complaint:c2", new ComplaintLodged("c2", "B", null, Channel.Body, new DateOnly(2017, 4, 1), new DateOnly(2017, 4, 16), "x"));
        Add(e, "complaint:c2", new ComplaintDecided("c2", false, "нет", new DateOnly(2017, 4, 5)));
        var inputs = e.Inputs();
        inputs[ScorecardCalculator.PenaltyInput].Value.ShouldBe(1.5m);
        inputs[ScorecardCalculator.PenaltyInput].Events.Count.ShouldBe(3);
        inputs[Kz2017.Inputs.JustifiedComplaints].Value.ShouldBe(1);
        inputs[Kz2017.Inputs.JustifiedComplaints].Events.Select(r => r.Stream).Distinct().ShouldBe(["complaint:c1"]);
    }

    [Fact]
    public void Deadlines_count_distinct_late_deliveries_without_one_day_services_and_compare_with_the_previous_period()
    {
        var e = new AssessmentEvidence("B", 2017);
        var oneDay = new ServicePassport("B", GovernmentLevel.Local, [Channel.Body], new StandardTerm(1, TermUnit.WorkingDays), null, null, false, null, new DateOnly(2010, 1, 1));
        var tenDays = oneDay with { StandardTerm = new StandardTerm(10, TermUnit.WorkingDays) };
        Add(e, "delivery:a", new DeliveryReportSubmitted("r16", DeliverySource.BodyReport, "B", 2016,
            [new DeliveryLine("TEN", Channel.Body, 10_000, 0)], [new LateCase("P1", "TEN"), new LateCase("P2", "TEN")], 0));
        Add(e, "delivery:b", new DeliveryReportSubmitted("r17", DeliverySource.BodyReport, "B", 2017,
            [new DeliveryLine("ONE", Channel.Body, 5_000, 0), new DeliveryLine("TEN", Channel.Body, 10_000, 0)],
            [new LateCase("R1", "TEN"), new LateCase("R2", "TEN")], 0));
        Add(e, "delivery:c", new DeliveryReportSubmitted("is17", DeliverySource.InformationSystem, "B", 2017, [], [new LateCase("R2", "TEN"), new LateCase("R3", "TEN")], 0));
        Add(e, "inspection:I1", Violation("d", ViolationType.DeadlineBreach, 1));
        e.ServicesNeedingPassports().OrderBy(x => x.Period).ThenBy(x => x.Service).ShouldBe([("TEN", 2016), ("ONE", 2017), ("TEN", 2017)]);
        e.SetPassport("ONE", 2017, oneDay, Ref("service:ONE", "passport"));
        e.SetPassport("TEN", 2017, tenDays, Ref("service:TEN", "passport"));
        e.SetPassport("TEN", 2016, tenDays, Ref("service:TEN", "passport"));

        var inputs = e.Inputs();
        inputs[Kz2017.Inputs.Late].Value.ShouldBe(4); // R1, R2, R3 and the inspection's one
        inputs[Kz2017.Inputs.Counted].Value.ShouldBe(10_000);
        inputs[Kz2017.Inputs.PreviousLate].Value.ShouldBe(2);
        inputs[Kz2017.Inputs.PreviousShare].Value.ShouldBe(0.0002m);
        inputs[Kz2017.Inputs.Counted].Events.Select(r => r.Stream).ShouldBe(["delivery:b", "service:ONE", "service:TEN"]);
    }

    [Fact]
    public void A_revision_hashes_its_content_not_the_moment_and_an_unchanged_revision_is_refused()
    {
        var e = new AssessmentEvidence("B", 2017);
        Add(e, "assessment:B:2017", new AssessmentOpened("B", 2017, "KZ-2017", null, null));
        var first = ComputedScorecard.Compute(Kz2017.Version, e, 10, DateTimeOffset.UnixEpoch);
        var later = ComputedScorecard.Compute(Kz2017.Version, e, 20, DateTimeOffset.UnixEpoch.AddDays(1));
        first.ContentHash().ShouldBe(later.ContentHash());

        var assessment = Assessment.Evolve(null, e.Opened!)!;
        var published = assessment.Publish(first, null);
        published.Revision.ShouldBe(1);
        assessment = Assessment.Evolve(assessment, published)!;
        Should.Throw<DomainRuleViolation>(() => assessment.Publish(later, " ")).Field.ShouldBe("reason");
        Should.Throw<InvalidTransition>(() => assessment.Publish(later, "Пересмотр"));

        Add(e, "assessment:B:2017", new PenaltyAssessed("B", 2017, "p1", 1, "Нарушение", "п. 5"));
        var revised = assessment.Publish(ComputedScorecard.Compute(Kz2017.Version, e, 30, DateTimeOffset.UnixEpoch), "Штраф");
        revised.Revision.ShouldBe(2);
        revised.ContentHash.ShouldNotBe(published.ContentHash);
        // The hash survives a JSON round trip that writes decimals with or without trailing zeros.
        ComputedScorecard.Hash("B", 2017, revised.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value * 1.000m), revised.Scorecard).ShouldBe(revised.ContentHash);
    }
}

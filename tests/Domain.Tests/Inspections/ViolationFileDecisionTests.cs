using Monitoring.Domain.Assessments;
using Monitoring.Domain.Common;
using Monitoring.Domain.Inspections;
using Monitoring.Domain.Methodology;

namespace Monitoring.Domain.Tests.Inspections;

/// <summary>An inspection's findings decided as a file: the rules of one violation row by row, the rows already recorded skipped.</summary>
public sealed class ViolationFileDecisionTests
{
    private static readonly InspectionOpened Opened = new("I-1", "AKIMAT-KAR", null, InspectionKind.Planned, ["PM-001", "PM-002"],
        new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), "приказ № 1", new DateOnly(2018, 2, 1));

    private static ViolationRecorded Found(string id, long count = 1, string service = "PM-001", int period = 2017, params string[] cases) =>
        new("I-1", id, ViolationType.DeadlineBreach, service, null, period, cases.Length > 0 ? cases.Length : count, cases.Length > 0 ? cases : null, "акт");

    private static Inspection Given(params object[] events) => events.Aggregate((Inspection?)null, Inspection.Evolve)!;

    private static string Line(int i) => $"rows[{i + 2}]";

    [Fact]
    public void New_findings_are_recorded_in_events_of_at_most_a_thousand_and_fold_as_recorded_alone()
    {
        var file = Enumerable.Range(0, 2_500).Select(i => Found($"v{i}", 1 + i % 3)).ToList();
        var decision = Given(Opened).RecordFile(file, Line);
        decision.Events.Select(e => e.Violations.Count).ShouldBe([1_000, 1_000, 500]);
        (decision.Recorded, decision.Skipped).ShouldBe((2_500, 0));

        var state = decision.Events.Aggregate(Given(Opened), (s, e) => Inspection.Evolve(s, e)!);
        state.Violations.Count.ShouldBe(2_500);
        state.Revoke("v7", "дубликат").ShouldBe(new ViolationRevoked("I-1", "v7", "дубликат"));
        Should.Throw<InvalidTransition>(() => state.Record(Found("v7")));
        ViolationLedger.Standing(decision.Events)[ViolationType.DeadlineBreach].ShouldBe(file.Sum(v => v.Counted));
    }

    [Fact]
    public void A_file_sent_again_records_nothing_and_a_changed_finding_is_a_conflict_naming_its_row()
    {
        var recorded = Given(Opened, Found("v1", 4, cases: ["A-1", "A-2"]), Found("v2", 3));
        var again = recorded.RecordFile([Found("v1", cases: ["A-1", "A-2"]), Found("v2", 3), Found("v3")], Line);
        (again.Recorded, again.Skipped).ShouldBe((1, 2));
        again.Events.ShouldHaveSingleItem().Violations.ShouldHaveSingleItem().ViolationId.ShouldBe("v3");

        Should.Throw<InvalidTransition>(() => recorded.RecordFile([Found("v3"), Found("v1", cases: ["A-2", "A-1"])], Line))
            .Message.ShouldStartWith("rows[3]: violation 'v1' is already recorded in inspection 'I-1' with other content");
        Should.Throw<InvalidTransition>(() => recorded.RecordFile([Found("v2", 4)], Line)).Message.ShouldContain("rows[2]");
    }

    [Fact]
    public void Every_row_out_of_scope_or_repeated_is_named_and_a_closed_inspection_takes_nothing_new()
    {
        var problems = Should.Throw<DomainRuleViolation>(() => Given(Opened).RecordFile(
            [Found("v1"), Found("v2", service: "PM-999"), Found("v3", period: 2016), Found("v1")], Line)).Errors;
        problems.Select(p => p.Field).ShouldBe(["rows[3].serviceCode", "rows[4].period", "rows[5].violationId"]);
        problems[2].Reason.ShouldBe("'v1' is already in rows[2]");

        var closed = Given(Opened, Found("v1"), new InspectionClosed("I-1", new DateOnly(2018, 3, 1), "нарушения", []));
        Should.Throw<InvalidTransition>(() => closed.RecordFile([Found("v1"), Found("v2")], Line)).Message.ShouldContain("is closed");
        closed.RecordFile([Found("v1")], Line).Skipped.ShouldBe(1);
    }

    [Fact]
    public void The_assessment_evidence_counts_imported_violations_and_cites_their_event()
    {
        var evidence = new AssessmentEvidence("AKIMAT-KAR", 2017);
        var imported = new ViolationsImported("I-1",
            [Found("v1", 5) with { Type = ViolationType.IncompletePackage }, Found("v2", 2) with { Type = ViolationType.IncompletePackage }]);
        var recordedAt = new DateTimeOffset(2018, 2, 2, 0, 0, 0, TimeSpan.Zero);
        evidence.Add(new EvidenceRef("inspection:I-1", 2, 10, "violations_imported", null, recordedAt, "inspector", "Inspection"), imported);
        evidence.Add(new EvidenceRef("inspection:I-1", 3, 11, "violation_revoked", null, recordedAt, "inspector", "Inspection"),
            new ViolationRevoked("I-1", "v2", "дубликат"));
        var incomplete = evidence.Inputs()[Kz2017.Inputs.IncompletePackage];
        incomplete.Value.ShouldBe(5);
        incomplete.Events.Select(e => e.Sequence).ShouldBe([10L, 11L]);
    }
}

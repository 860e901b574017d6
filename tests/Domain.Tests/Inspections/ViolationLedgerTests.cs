using Monitoring.Domain.Common;
using Monitoring.Domain.Inspections;

namespace Monitoring.Domain.Tests.Inspections;

public sealed class ViolationLedgerTests
{
    private static ViolationRecorded Found(string id, ViolationType type, long count, params string[] cases) =>
        new("I-1", id, type, "PM-001", null, 2017, count, cases.Length == 0 ? null : cases, "evidence");

    [Fact]
    public void Revoked_violations_count_nothing_and_corrected_ones_count_as_corrected()
    {
        var facts = new object[]
        {
            Found("v1", ViolationType.IncompletePackage, 13_778),
            Found("v2", ViolationType.ExtraDocumentsDemanded, 1_044),
            Found("v3", ViolationType.UnjustifiedRefusal, 0, "A-1", "A-2"),
            Found("v4", ViolationType.BusinessProcessBreach, 5),
            new ViolationCorrected("I-1", "v4", ViolationType.BusinessProcessBreach, 2_637, null, "miscounted"),
            new ViolationRevoked("I-1", "v2", "not a violation: the standard allows the document"),
            new ViolationRevoked("I-1", "nope", "unknown ids change nothing"),
        };
        var standing = ViolationLedger.Standing(facts);
        standing[ViolationType.IncompletePackage].ShouldBe(13_778);
        standing[ViolationType.UnjustifiedRefusal].ShouldBe(2);
        standing[ViolationType.BusinessProcessBreach].ShouldBe(2_637);
        standing.ContainsKey(ViolationType.ExtraDocumentsDemanded).ShouldBeFalse();
    }

    [Fact]
    public void A_correction_can_change_the_type_and_a_correction_after_revocation_does_not_revive_it()
    {
        var facts = new object[]
        {
            Found("v1", ViolationType.Other, 3),
            new ViolationCorrected("I-1", "v1", ViolationType.LateRefusal, 3, null, "wrong type"),
            Found("v2", ViolationType.DeadlineBreach, 7),
            new ViolationRevoked("I-1", "v2", "duplicate of the ministry's report"),
            new ViolationCorrected("I-1", "v2", ViolationType.DeadlineBreach, 9, null, "late correction"),
        };
        var standing = ViolationLedger.Standing(facts);
        standing[ViolationType.LateRefusal].ShouldBe(3);
        standing.ContainsKey(ViolationType.Other).ShouldBeFalse();
        standing.ContainsKey(ViolationType.DeadlineBreach).ShouldBeFalse();
    }

    [Fact]
    public void A_closed_inspection_takes_no_new_violation_but_its_violations_can_still_be_revoked()
    {
        var opened = Inspection.Open(null, new InspectionOpened("I-1", "AKIMAT-KAR", null, InspectionKind.Planned, ["PM-001"],
            new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), "приказ № 1", new DateOnly(2018, 2, 1)));
        var state = Inspection.Evolve(null, opened)!;
        state = Inspection.Evolve(state, state.Record(Found("v1", ViolationType.DeadlineBreach, 4)))!;
        Should.Throw<InvalidTransition>(() => state.Record(Found("v1", ViolationType.DeadlineBreach, 1)));
        Should.Throw<DomainRuleViolation>(() => state.Record(Found("v9", ViolationType.DeadlineBreach, 1) with { ServiceCode = "PM-999" }))
            .Field.ShouldBe("serviceCode");
        Should.Throw<DomainRuleViolation>(() => state.Record(Found("v9", ViolationType.DeadlineBreach, 1) with { Period = 2016 }))
            .Field.ShouldBe("period");

        state = Inspection.Evolve(state, state.Close(new DateOnly(2018, 3, 1), "нарушения выявлены", [new Recommendation("r1", "устранить")]))!;
        Should.Throw<InvalidTransition>(() => state.Record(Found("v2", ViolationType.DeadlineBreach, 1)));
        state = Inspection.Evolve(state, state.Revoke("v1", "ошибка учёта"))!;
        Should.Throw<InvalidTransition>(() => state.Revoke("v1", "again"));
        state = Inspection.Evolve(state, state.Fulfil("r1", new DateOnly(2018, 5, 1), "исполнено"))!;
        Should.Throw<InvalidTransition>(() => state.Fulfil("r1", new DateOnly(2018, 6, 1), "again"));
    }
}

using Monitoring.Domain.Inspections;

namespace Monitoring.Domain.Tests.Inspections;

public sealed class ViolationLedgerTests
{
    [Fact]
    public void Revoked_findings_count_nothing_and_corrected_ones_count_as_corrected()
    {
        var facts = new object[]
        {
            new ViolationFinding("v1", ViolationType.IncompletePackage, "PM-001", 2017, 13_778, null),
            new ViolationFinding("v2", ViolationType.ExtraDocumentsDemanded, "PM-001", 2017, 1_044, null),
            new ViolationFinding("v3", ViolationType.UnjustifiedRefusal, "PM-002", 2017, 0, ["A-1", "A-2"]),
            new ViolationFinding("v4", ViolationType.BusinessProcessBreach, "PM-003", 2017, 5, null),
            new ViolationCorrection("v4", ViolationType.BusinessProcessBreach, 2_637, null, "miscounted"),
            new ViolationRevocation("v2", "not a violation: the standard allows the document"),
            new ViolationRevocation("nope", "unknown ids change nothing"),
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
            new ViolationFinding("v1", ViolationType.Other, "PM-001", 2017, 3, null),
            new ViolationCorrection("v1", ViolationType.LateRefusal, 3, null, "wrong type"),
            new ViolationFinding("v2", ViolationType.DeadlineBreach, "PM-001", 2017, 7, null),
            new ViolationRevocation("v2", "duplicate of the ministry's report"),
            new ViolationCorrection("v2", ViolationType.DeadlineBreach, 9, null, "late correction"),
        };
        var standing = ViolationLedger.Standing(facts);
        standing[ViolationType.LateRefusal].ShouldBe(3);
        standing.ContainsKey(ViolationType.Other).ShouldBeFalse();
        standing.ContainsKey(ViolationType.DeadlineBreach).ShouldBeFalse();
    }
}

using Monitoring.Domain.Common;
using Monitoring.Domain.Inspections;

namespace Monitoring.Domain.Tests.Specifications;

public sealed class InspectionSpecifications
{
    private static readonly Decider<Inspection> Inspection = new(Domain.Inspections.Inspection.Evolve);
    private static readonly InspectionOpened Opened = new("I-1", "AKIMAT-KAR", null, InspectionKind.Planned, ["PM-001"],
        new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), "приказ № 1", new DateOnly(2018, 2, 1));
    private static readonly ViolationRecorded V1 = new("I-1", "v1", ViolationType.DeadlineBreach, "PM-001", null, 2017, 226, null, "Акт проверки");
    private static readonly InspectionClosed Closed = new("I-1", new DateOnly(2018, 3, 1), "нарушения сроков", [new Recommendation("r1", "устранить")]);

    [Fact]
    public void A_violation_is_recorded_once() =>
        Inspection.Given(Opened, V1).When(s => s!.Record(V1 with { Count = 1 })).ThenRefused<InvalidTransition>();

    [Fact]
    public void A_revoked_violation_is_neither_revoked_nor_corrected_again()
    {
        var revoked = new ViolationRevoked("I-1", "v1", "дубликат");
        Inspection.Given(Opened, V1).When(s => s!.Revoke("v1", " дубликат ")).Then(revoked);
        Inspection.Given(Opened, V1, revoked).When(s => s!.Revoke("v1", "ещё раз")).ThenRefused<InvalidTransition>("was revoked");
        Inspection.Given(Opened, V1, revoked)
            .When(s => s!.Correct(new ViolationCorrected("I-1", "v1", ViolationType.DeadlineBreach, 126, null, "пересчёт")))
            .ThenRefused<InvalidTransition>("was revoked");
        Inspection.Given(Opened).When(s => s!.Revoke("v9", "нет")).ThenRefused<DomainRuleViolation>().Field.ShouldBe("violationId");
    }

    [Fact]
    public void An_inspection_closes_once_and_its_recommendations_are_fulfilled_once()
    {
        Inspection.Given(Opened, Closed).When(s => s!.Close(new DateOnly(2018, 4, 1), "x", [])).ThenRefused<InvalidTransition>("already closed");
        Inspection.Given(Opened).When(s => s!.Close(new DateOnly(2018, 3, 1), "x", [new Recommendation("r1", "a"), new Recommendation("r1", "b")]))
            .ThenRefused<DomainRuleViolation>().Field.ShouldBe("recommendations");
        var fulfilled = new RecommendationFulfilled("I-1", "r1", new DateOnly(2018, 5, 1), "устранено");
        Inspection.Given(Opened, Closed).When(s => s!.Fulfil("r1", new DateOnly(2018, 5, 1), " устранено ")).Then(fulfilled);
        Inspection.Given(Opened, Closed, fulfilled).When(s => s!.Fulfil("r1", new DateOnly(2018, 6, 1), "ещё")).ThenRefused<InvalidTransition>();
        Inspection.Given(Opened, Closed).When(s => s!.Fulfil("r9", new DateOnly(2018, 5, 1), "x"))
            .ThenRefused<DomainRuleViolation>().Field.ShouldBe("recommendationId");
    }
}

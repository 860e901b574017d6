using Monitoring.Domain.Assessments;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Tests.Specifications;

public sealed class AssessmentSpecifications
{
    private static readonly Decider<Assessment> Assessment = new(Domain.Assessments.Assessment.Evolve);
    private static readonly AssessmentOpened Opened = new("AKIMAT-KAR", 2017, "KZ-2017", 39m, "Karaganda 2016 assessment conclusion");
    private static readonly PenaltyAssessed P1 = new("AKIMAT-KAR", 2017, "p1", 4m, "Недостоверные сведения", "п. 25 Методики");

    [Fact]
    public void An_assessment_opens_once() =>
        Assessment.Given(Opened).When(s => Domain.Assessments.Assessment.Open(s, Opened with { }))
            .ThenRefused<InvalidTransition>("already open");

    [Fact]
    public void A_previous_final_needs_its_source() =>
        Assessment.Given().When(s => Domain.Assessments.Assessment.Open(s, Opened with { PreviousFinalSource = null }))
            .ThenRefused<DomainRuleViolation>().Field.ShouldBe("previousFinalSource");

    [Fact]
    public void A_penalty_is_assessed_with_its_reason_trimmed() =>
        Assessment.Given(Opened).When(s => s!.AssessPenalty("p1", 4m, " Недостоверные сведения ", "п. 25 Методики"))
            .Then(P1);

    [Fact]
    public void A_penalty_id_counts_once_even_after_withdrawal() =>
        Assessment.Given(Opened, P1, new PenaltyWithdrawn("AKIMAT-KAR", 2017, "p1", "подтверждено"))
            .When(s => s!.AssessPenalty("p1", 1m, "x", "y"))
            .ThenRefused<InvalidTransition>("already recorded");

    [Fact]
    public void Penalty_points_are_above_zero_and_at_most_five() =>
        Assessment.Given(Opened).When(s => s!.AssessPenalty("p2", 5.5m, "x", "y")).ThenRefused<DomainRuleViolation>().Field.ShouldBe("points");

    [Fact]
    public void A_withdrawn_penalty_cannot_be_withdrawn_again_and_an_unknown_one_is_not_found()
    {
        var history = new object[] { Opened, P1, new PenaltyWithdrawn("AKIMAT-KAR", 2017, "p1", "подтверждено") };
        Assessment.Given(history).When(s => s!.WithdrawPenalty("p1", "ещё раз")).ThenRefused<InvalidTransition>("already withdrawn");
        Assessment.Given(history).When(s => s!.WithdrawPenalty("p9", "нет такого")).ThenRefused<NotFound>();
        Assessment.Given(Opened, P1).When(s => s!.WithdrawPenalty("p1", " подтверждено "))
            .Then(new PenaltyWithdrawn("AKIMAT-KAR", 2017, "p1", "подтверждено"));
    }

    [Fact]
    public void Measures_are_recognised_only_after_they_were_reported()
    {
        Assessment.Given(Opened).When(s => s!.Recognise(true, "ok")).ThenRefused<InvalidTransition>("No measures");
        Assessment.Given(Opened, new SatisfactionMeasuresReported("AKIMAT-KAR", 2017, true, true, "опрос", "приказ № 5"))
            .When(s => s!.Recognise(true, " соответствует "))
            .Then(new SatisfactionMeasuresRecognised("AKIMAT-KAR", 2017, true, "соответствует"));
    }
}

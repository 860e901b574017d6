using Monitoring.Domain.Methodology;
using static Monitoring.Domain.Methodology.Kz2017.Inputs;

namespace Monitoring.Domain.Tests.Methodology;

public sealed class Kz2017Tests
{
    private static readonly Dictionary<string, decimal?> Karaganda2017 = new()
    {
        [TopBoxShare] = 0.585m, [MonitoringHeld] = 1, [MeasuresAdopted] = 1,
        [Late] = 766, [Counted] = 1_113_538, [PreviousShare] = null, [PreviousLate] = 184,
        [UnjustifiedRefusals] = 8, [IncompletePackage] = 13_914, [ExtraDocuments] = 1_173, [BusinessProcess] = 2_637,
        [JustifiedComplaints] = 2, [FoundByInternalControl] = 118, [ScorecardCalculator.PenaltyInput] = 0,
    };

    [Fact]
    public void The_Karaganda_2017_conclusion_is_reproduced_25_plus_0_plus_7_95_plus_8_is_40_95()
    {
        var r = ScorecardCalculator.Compute(Kz2017.Version, Karaganda2017, previousFinal: 39);
        r.Criteria.Select(c => c.Points).ShouldBe([25m, 0m, 7.95m, 8m]);
        r.Criteria[0].Indicators.Select(i => i.Points).ShouldBe([20m, 5m]);
        r.Criteria[2].Indicators.Select(i => i.Points).ShouldBe([2.95m, 0m, 0m, 0m, 5m]);
        r.Criteria[2].Indicators[4].Raw.ShouldBe(4.995m);
        r.Sum.ShouldBe(40.95m);
        r.Penalty.ShouldBe(0m);
        r.Final.ShouldBe(40.95m);
        r.Change.ShouldBe(1.95m);
        r.ChangePercent.ShouldBe(5m);
        r.Rating.ShouldBe("неэффективно");
        r.Criteria[1].Indicators[0].Derivation.ShouldContain("улучшения нет");
    }

    [Fact]
    public void The_reconstructed_version_is_valid_data_and_a_broken_one_is_refused_field_by_field()
    {
        Kz2017.Version.Problems().ShouldBeEmpty();
        var broken = Kz2017.Version with
        {
            Criteria = [Kz2017.Version.Criteria[0] with { Max = 45 }, .. Kz2017.Version.Criteria.Skip(1)],
            Decimals = 7,
        };
        var problems = broken.Problems().Select(p => p.Field).ToList();
        problems.ShouldContain("criteria");
        problems.ShouldContain("criteria[0].indicators");
        problems.ShouldContain("decimals");
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 766, 2)]
    [InlineData(40, 766, 4)]
    [InlineData(77, 766, 6)]
    [InlineData(153, 766, 8)] // 19.97 % stays in the 15 % band
    [InlineData(154, 766, 10)]
    public void Internal_control_bands(int found, int late, int points)
    {
        var inputs = new Dictionary<string, decimal?>(Karaganda2017) { [FoundByInternalControl] = found, [Late] = late };
        ScorecardCalculator.Compute(Kz2017.Version, inputs).Criteria[3].Points.ShouldBe(points);
    }

    [Fact]
    public void Deadlines_give_points_below_the_tolerance_and_the_bonus_for_improvement_and_penalties_are_capped()
    {
        var inputs = new Dictionary<string, decimal?>(Karaganda2017)
        {
            [Late] = 100, [Counted] = 1_000_000, [PreviousShare] = 0.0002m, [ScorecardCalculator.PenaltyInput] = 7,
        };
        var r = ScorecardCalculator.Compute(Kz2017.Version, inputs);
        // V = 0.0001: 32 × (1 − 0.0001 / 0.0005) = 25.6, + 1 for beating the previous 0.0002.
        r.Criteria[1].Points.ShouldBe(26.6m);
        r.Penalty.ShouldBe(5m);
    }

    [Fact]
    public void The_survey_rule_says_which_share_the_satisfaction_indicator_may_read()
    {
        var topTwo = Kz2017.Version with { Survey = new SurveyRules(SatisfiedMeans.TopTwoBoxes, Monitoring.Domain.Surveys.RankingRule.ByMeanThenTopBox) };
        topTwo.Problems().ShouldContain(("criteria[0].indicators[0].inputs",
            "reads satisfaction.topBoxShare, but the survey rule counts as satisfied: TopTwoBoxes (satisfaction.positiveShare)"));

        var reading = topTwo with
        {
            Criteria = [topTwo.Criteria[0] with { Indicators = [topTwo.Criteria[0].Indicators[0] with { Inputs = [PositiveShare] }, topTwo.Criteria[0].Indicators[1]] },
                .. topTwo.Criteria.Skip(1)],
        };
        reading.Problems().ShouldBeEmpty();
        var inputs = new Dictionary<string, decimal?>(Karaganda2017) { [PositiveShare] = 0.9m };
        ScorecardCalculator.Compute(reading, inputs).Criteria[0].Indicators[0].Points.ShouldBe(32m); // 35 × 0.9 = 31.5 → 32
    }
}

using Monitoring.Domain.Surveys;

namespace Monitoring.Domain.Tests.Surveys;

public sealed class RankingTests
{
    private static (string, SatisfactionFigures) Item(string key, long n3, long n4, long n5) =>
        (key, SatisfactionFigures.Of(new ScoreDistribution(0, 0, n3, n4, n5), smallSampleThreshold: 10));

    [Fact]
    public void The_2017_rule_ranks_by_top_box_share_and_the_2018_rule_by_mean_then_share()
    {
        // A: 60 % top box, mean 4.40; B: 55 % top box, mean 4.50 (more 4s, no 3s).
        var items = new[] { Item("A", 20, 20, 60), Item("B", 0, 45, 55) };
        Ranking.Rank(items, RankingRule.ByTopBoxShare).Select(r => r.Key).ShouldBe(["A", "B"]);
        Ranking.Rank(items, RankingRule.ByMeanThenTopBox).Select(r => r.Key).ShouldBe(["B", "A"]);
    }

    [Fact]
    public void Ties_on_the_presented_values_are_broken_on_the_unrounded_ones_and_exact_ties_share_a_place()
    {
        // 2/3 = 66.67 % and 2001/3000 = 66.70 % both present as 66.7 %; the unrounded decides.
        var items = new[]
        {
            ("X", SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 1, 2), 0)),
            ("Y", SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 999, 2001), 0)),
            ("Z", SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 2, 4), 0)),
        };
        var ranked = Ranking.Rank(items, RankingRule.ByTopBoxShare);
        ranked.Select(r => (r.Key, r.Position)).ShouldBe([("Y", 1), ("X", 2), ("Z", 2)]);
    }

    [Fact]
    public void Small_samples_are_never_ranked_silently()
    {
        var items = new[] { Item("big", 10, 10, 80), Item("tiny", 0, 0, 5) };
        Ranking.Rank(items, RankingRule.ByTopBoxShare).Select(r => r.Key).ShouldBe(["big"]);
    }
}

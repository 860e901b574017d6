using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;

namespace Monitoring.Domain.Tests.Surveys;

public sealed class OtherMeasuresTests
{
    private static readonly YearOverYear.Basis Basis2017 = new(5, "KZ-2017", new HashSet<string> { "a", "b" });

    [Fact]
    public void Year_over_year_change_is_in_points_and_percentage_points()
    {
        var now = SatisfactionFigures.Of(new ScoreDistribution(0, 0, 10, 20, 70));
        var before = SatisfactionFigures.Of(new ScoreDistribution(0, 0, 20, 20, 60));
        var change = YearOverYear.Compare(now, Basis2017, before, Basis2017);
        change.Comparable.ShouldBeTrue();
        change.MeanChange.ShouldBe(0.2m);
        change.SatisfactionChangePoints.ShouldBe(10m);
    }

    [Fact]
    public void A_different_scale_is_refused_and_a_changed_method_or_service_set_is_flagged()
    {
        var f = SatisfactionFigures.Of(new ScoreDistribution(0, 0, 10, 20, 70));
        var tenPoint = YearOverYear.Compare(f, Basis2017, f, Basis2017 with { Scale = 10 });
        tenPoint.Comparable.ShouldBeFalse();
        tenPoint.MeanChange.ShouldBeNull();
        tenPoint.Caveats.ShouldContain(c => c.Contains("scale"));

        var changed = YearOverYear.Compare(f, Basis2017, f, new YearOverYear.Basis(5, "KZ-2016", new HashSet<string> { "a", "c" }));
        changed.Comparable.ShouldBeFalse();
        changed.MeanChange.ShouldBe(0m);
        changed.Caveats.Count.ShouldBe(2);
    }

    [Fact]
    public void The_social_concern_index_is_the_mean_of_five_shares()
    {
        var index = SocialConcernIndex.Of(new ScoreDistribution(5, 5, 10, 30, 50), new ScoreDistribution(10, 10, 0, 30, 50),
            complained: 4, askedComplaint: 100, paidInformally: 2, askedInformal: 100, usedConnections: 14, askedConnections: 100);
        index.DissatisfiedShare.ShouldBe(0.1m);
        index.DistrustShare.ShouldBe(0.2m);
        index.Share.ShouldBe((0.1m + 0.2m + 0.04m + 0.02m + 0.14m) / 5);
        index.Percent.ShouldBe(10m);
    }

    [Fact]
    public void A_social_concern_component_nobody_was_asked_is_null_and_so_is_the_index()
    {
        var index = SocialConcernIndex.Of(new ScoreDistribution(5, 5, 10, 30, 50), trust: null,
            complained: 0, askedComplaint: 0, paidInformally: 2, askedInformal: 100, usedConnections: 14, askedConnections: 100);
        index.DistrustShare.ShouldBeNull();
        index.ComplaintShare.ShouldBeNull();
        index.Share.ShouldBeNull();
        index.NotAsked.ShouldBe(["distrust", "complaint"]);
    }

    [Fact]
    public void City_variants_reproduce_Petropavlovsk_and_Kaluga()
    {
        var criteria = Enumerable.Repeat(5m, 13).Concat([4m, 4m]).ToList();
        var (sum, max, share) = CityVariants.CriteriaSum(criteria);
        (sum, max).ShouldBe((73m, 75m));
        Presentation.Percent(share, 0).ShouldBe(97m);
        Presentation.Percent(CityVariants.ResponseRate(378, 577)).ShouldBe(65.5m);
        CityVariants.ReviewStars(2.7m).ShouldBe(0.54m);
        CityVariants.ReviewStars(4.4m).ShouldBe(0.88m);
    }

    [Fact]
    public void Cross_checks_catch_what_the_published_reports_get_wrong()
    {
        var d = new ScoreDistribution(0, 3, 5, 27, 65, HardToAnswer: 2);
        DistributionCrossCheck.Check(d, 102, 4.54m, 65.0m).ShouldBeEmpty();
        DistributionCrossCheck.Check(d, 186, null, null).ShouldContain(w => w.Contains("stated N 186 ≠ counted N 102"));
        DistributionCrossCheck.Check(d, null, 4.58m, null).ShouldHaveSingleItem().ShouldContain("stated mean 4.58");
        DistributionCrossCheck.Check(d, null, 65m, null).ShouldHaveSingleItem().ShouldContain("percentage printed as the mean");
        DistributionCrossCheck.Check(d, null, null, 66.0m).ShouldHaveSingleItem().ShouldContain("stated satisfaction 66.0");
        // Shares printed in the count row of a service with N 208.
        DistributionCrossCheck.Check(new ScoreDistribution(1, 1, 5, 20, 73), 208, null, null)
            .ShouldContain(w => w.Contains("look like percentages"));
    }
}

using FsCheck.Fluent;
using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;

namespace Monitoring.Domain.Tests.Surveys;

public sealed class SatisfactionFiguresTests
{
    // Kazakhstan national public monitoring 2017 report, Table 35 / Table 5: the Agency's services 5, 6, 7.
    private static readonly ScoreDistribution Service5 = new(0, 0, 14, 45, 177);
    private static readonly ScoreDistribution Service6 = new(0, 0, 0, 3, 95, HardToAnswer: 2);
    private static readonly ScoreDistribution Service7 = new(0, 0, 1, 15, 32);

    [Fact]
    public void The_Agency_roll_up_pools_respondents_not_percentages()
    {
        var pooled = ScoreDistribution.Pool([Service5, Service6, Service7]);
        var f = SatisfactionFigures.Of(pooled);
        f.Raters.ShouldBe(382);
        pooled.TopBox.ShouldBe(304);
        pooled.ScoreSum.ShouldBe(1_817);
        f.SatisfactionPercent.ShouldBe(79.6m);
        f.MeanRounded.ShouldBe(4.76m);

        // Averaging the three services' percentages instead would give a different (wrong) figure.
        var averaged = new[] { Service5, Service6, Service7 }.Average(d => SatisfactionFigures.Of(d).SatisfactionShare!.Value);
        Presentation.Percent(averaged).ShouldNotBe(79.6m);
    }

    [Fact]
    public void Hard_to_answer_counts_in_N_but_not_in_the_metrics()
    {
        // The same 2017 report, service 1 (apostille, courts): 0/3/5/27/65 with 2 "hard to answer".
        var f = SatisfactionFigures.Of(new ScoreDistribution(0, 3, 5, 27, 65, HardToAnswer: 2));
        f.N.ShouldBe(102);
        f.Raters.ShouldBe(100);
        f.SatisfactionPercent.ShouldBe(65.0m);
        f.MeanRounded.ShouldBe(4.54m);
        f.PositivePercent.ShouldBe(92.0m);
        f.TenPointMean.ShouldBe(9.08m);
    }

    [Fact]
    public void Without_raters_there_is_no_figure_and_small_samples_are_flagged()
    {
        var none = SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 0, 0, HardToAnswer: 3));
        none.Mean.ShouldBeNull();
        none.SatisfactionShare.ShouldBeNull();
        SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 0, 5), smallSampleThreshold: 10).SmallSample.ShouldBeTrue();
        SatisfactionFigures.Of(new ScoreDistribution(0, 0, 0, 0, 10), smallSampleThreshold: 10).SmallSample.ShouldBeFalse();
    }

    [Fact]
    public void Rounding_is_half_away_from_zero_only_when_presenting()
    {
        Presentation.Round(4.545m, 2).ShouldBe(4.55m);
        Presentation.Round(2.125m, 2).ShouldBe(2.13m);
        Presentation.Percent(0.6255m).ShouldBe(62.6m);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool The_pooled_mean_lies_between_the_parts_means(byte[] a, byte[] b)
    {
        ScoreDistribution D(byte[] x) => new(x.Length > 0 ? x[0] : 0, x.Length > 1 ? x[1] : 0, x.Length > 2 ? x[2] : 0, x.Length > 3 ? x[3] : 0, x.Length > 4 ? x[4] : 1);
        var (da, db) = (D(a), D(b));
        var pooled = SatisfactionFigures.Of(da + db).Mean!.Value;
        var (ma, mb) = (SatisfactionFigures.Of(da).Mean!.Value, SatisfactionFigures.Of(db).Mean!.Value);
        return pooled >= Math.Min(ma, mb) && pooled <= Math.Max(ma, mb) && (da + db) == (db + da);
    }
}

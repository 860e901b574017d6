using Monitoring.Domain.Surveys;
using Monitoring.Domain.Surveys.Statistics;

namespace Monitoring.Domain.Tests.Surveys;

/// <summary>
/// Intervals and differences, checked against published values and against the formulas evaluated here from the raw
/// scores (the helpers below are independent of the code under test: no MathNet, no Statistics types).
/// </summary>
public sealed class StatisticsTests
{
    // z(0.975), the published constant.
    private const double Z975 = 1.959963984540054;

    [Fact]
    public void Wilson_matches_the_published_example_of_Newcombe()
    {
        // Newcombe, "Two-sided confidence intervals for the single proportion" (1998), example 81/263: 0.2553 to 0.3662.
        var ci = ConfidenceInterval.Wilson(81, 263)!;
        Math.Round(ci.Low, 4).ShouldBe(0.2553m);
        Math.Round(ci.High, 4).ShouldBe(0.3662m);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(177, 236)]
    [InlineData(10, 10)]
    [InlineData(3, 1000)]
    public void Wilson_follows_the_score_formula_and_stays_within_0_and_1(long k, long n)
    {
        double p = (double)k / n, z2 = Z975 * Z975;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z975 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        var ci = ConfidenceInterval.Wilson(k, n)!;
        ((double)ci.Low).ShouldBe(Math.Max(0, centre - half), 1e-12);
        ((double)ci.High).ShouldBe(Math.Min(1, centre + half), 1e-12);
        ci.Low.ShouldBeGreaterThanOrEqualTo(0m);
        ci.High.ShouldBeLessThanOrEqualTo(1m);
        ci.Contains((decimal)k / n).ShouldBeTrue();
    }

    [Fact]
    public void Wilson_has_no_interval_without_trials_and_refuses_impossible_counts()
    {
        ConfidenceInterval.Wilson(0, 0).ShouldBeNull();
        Should.Throw<ArgumentOutOfRangeException>(() => ConfidenceInterval.Wilson(5, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => ConfidenceInterval.Wilson(-1, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => ConfidenceInterval.Wilson(0, -1));
    }

    [Fact]
    public void The_t_quantile_matches_the_table()
    {
        Inference.T(10).ShouldBe(2.228139, 1e-6);
        Inference.T(9).ShouldBe(2.262157, 1e-6);
        Inference.T(1).ShouldBe(12.706205, 1e-6);
        Inference.Z.ShouldBe(Z975, 1e-12);
        // The even-df closed form below agrees with the table, so it can check p-values.
        TwoSidedTP(2.228139, 10).ShouldBe(0.05, 1e-6);
    }

    [Fact]
    public void The_mean_interval_is_mean_plus_minus_t_times_the_standard_error_of_the_raw_scores()
    {
        var d = new ScoreDistribution(1, 1, 2, 3, 3, HardToAnswer: 4);
        var scores = Expand(d);
        scores.Count.ShouldBe(10); // "hard to answer" is not a score
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / (scores.Count - 1));
        var half = 2.262157 * sd / Math.Sqrt(scores.Count); // t(0.975, 9) from the table

        var ci = ConfidenceInterval.ForMean(d)!;
        ((double)ci.Low).ShouldBe(mean - half, 1e-5);
        ((double)ci.High).ShouldBe(mean + half, 1e-5);
    }

    [Fact]
    public void A_mean_needs_two_raters_and_a_constant_sample_has_a_zero_width_interval()
    {
        ConfidenceInterval.ForMean(new ScoreDistribution(0, 0, 0, 0, 1, HardToAnswer: 9)).ShouldBeNull();
        ConfidenceInterval.ForMean(ScoreDistribution.Empty).ShouldBeNull();
        ConfidenceInterval.ForMean(new ScoreDistribution(0, 0, 0, 7, 0)).ShouldBe(new ConfidenceInterval(4m, 4m));
    }

    [Fact]
    public void Satisfaction_intervals_cover_top_box_positive_share_and_mean()
    {
        // Kazakhstan national public monitoring 2017 report, service 1: 0/3/5/27/65 with 2 "hard to answer".
        var d = new ScoreDistribution(0, 3, 5, 27, 65, HardToAnswer: 2);
        var i = SatisfactionIntervals.Of(d);
        i.SatisfactionShare.ShouldBe(ConfidenceInterval.Wilson(65, 100));
        i.PositiveShare.ShouldBe(ConfidenceInterval.Wilson(92, 100));
        i.Mean!.Contains(4.54m).ShouldBeTrue();
        i.TenPointMean!.Low.ShouldBe(i.Mean.Low * 2);
        var f = SatisfactionFigures.Of(d);
        i.SatisfactionShare!.Contains(f.SatisfactionShare!.Value).ShouldBeTrue();
        i.PositiveShare!.Contains(f.PositiveShare!.Value).ShouldBeTrue();

        var none = SatisfactionIntervals.Of(new ScoreDistribution(0, 0, 0, 0, 0, HardToAnswer: 5));
        none.ShouldBe(new SatisfactionIntervals(null, null, null));
    }

    [Fact]
    public void Two_shares_are_compared_by_the_two_proportion_z_test()
    {
        // Hand-worked: 60 of 100 against 45 of 100. Pooled p̄ = 0.525, SE₀ = √(0.525·0.475·(1/100 + 1/100)) ≈ 0.070622,
        // z ≈ 2.124, p ≈ 0.034: significant. Unpooled SE = √(0.6·0.4/100 + 0.45·0.55/100) ≈ 0.069821.
        var d = Difference.OfShares(60, 100, 45, 100)!;
        d.Estimate.ShouldBe(0.15m);
        var z = 0.15 / Math.Sqrt(0.525 * 0.475 * 0.02);
        ((double)d.PValue).ShouldBe(2 * NormalCdf(-z), 1e-6);
        d.PValue.ShouldBeInRange(0.03m, 0.04m);
        d.Significant.ShouldBeTrue();
        var half = Z975 * Math.Sqrt(0.6 * 0.4 / 100 + 0.45 * 0.55 / 100);
        ((double)d.Interval.Low).ShouldBe(0.15 - half, 1e-12);
        ((double)d.Interval.High).ShouldBe(0.15 + half, 1e-12);

        // The same shares from a tenth of the respondents: not significant.
        var small = Difference.OfShares(6, 10, 45, 100)!;
        small.Significant.ShouldBeFalse();
        small.Interval.Contains(0m).ShouldBeTrue();
    }

    [Fact]
    public void Share_differences_of_distributions_use_top_box_and_positive_counts_of_the_raters()
    {
        ScoreDistribution a = new(0, 3, 5, 27, 65, HardToAnswer: 2), b = new(2, 8, 20, 40, 30, HardToAnswer: 50);
        Difference.OfSatisfactionShares(a, b).ShouldBe(Difference.OfShares(65, 100, 30, 100));
        Difference.OfPositiveShares(a, b).ShouldBe(Difference.OfShares(92, 100, 70, 100));
        Difference.OfSatisfactionShares(a, new ScoreDistribution(0, 0, 0, 0, 0, HardToAnswer: 3)).ShouldBeNull();
        // Both at 100 %: nothing differs and nothing could.
        var same = Difference.OfShares(10, 10, 20, 20)!;
        same.Estimate.ShouldBe(0m);
        same.PValue.ShouldBe(1m);
        same.Significant.ShouldBeFalse();
    }

    [Fact]
    public void Two_means_are_compared_by_Welch_t_test_hand_worked_with_equal_spreads()
    {
        // A scores 2,3,3,4,4,4,5,5,5,5 (mean 4), B the same shifted down a point (mean 3): both variances 10/9,
        // SE = √(2·(10/9)/10) = √(2/9) ≈ 0.4714, t ≈ 2.1213, Welch–Satterthwaite df = 2·(10 − 1) = 18 exactly,
        // t(0.975, 18) = 2.100922 (table): interval 1 ± 0.99038, p ≈ 0.048, just significant.
        ScoreDistribution a = new(0, 1, 2, 3, 4), b = new(1, 2, 3, 4, 0);
        var d = Difference.OfMeans(a, b)!;
        d.Estimate.ShouldBe(1m);
        var se = Math.Sqrt(2.0 / 9);
        ((double)d.Interval.Low).ShouldBe(1 - 2.100922 * se, 1e-5);
        ((double)d.Interval.High).ShouldBe(1 + 2.100922 * se, 1e-5);
        ((double)d.PValue).ShouldBe(TwoSidedTP(1 / se, 18), 1e-7);
        d.Significant.ShouldBeTrue();
    }

    [Fact]
    public void Welch_uses_the_Satterthwaite_degrees_of_freedom_when_spreads_differ()
    {
        ScoreDistribution a = new(5, 5, 10, 30, 50), b = new(0, 0, 2, 10, 8);
        List<int> xa = Expand(a), xb = Expand(b);
        double Var(List<int> x) { var m = x.Average(); return x.Sum(v => (v - m) * (v - m)) / (x.Count - 1); }
        double va = Var(xa) / xa.Count, vb = Var(xb) / xb.Count, se = Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / (va * va / (xa.Count - 1) + vb * vb / (xb.Count - 1));
        var estimate = xa.Average() - xb.Average();

        var d = Difference.OfMeans(a, b)!;
        ((double)d.Estimate).ShouldBe(estimate, 1e-12);
        // The half-width is t(0.975, df)·SE, with df ≈ 44.3 here between the table's t(0.975, 45) = 2.014103 and t(0.975, 44) = 2.015368.
        df.ShouldBeInRange(44, 45);
        var multiplier = (double)(d.Interval.High - d.Interval.Low) / 2 / se;
        multiplier.ShouldBeInRange(2.014103, 2.015368);
        // p and the interval agree: significant exactly when the interval leaves out 0.
        d.Significant.ShouldBe(!d.Interval.Contains(0m));
    }

    [Fact]
    public void Welch_needs_two_raters_on_each_side()
    {
        Difference.OfMeans(new ScoreDistribution(0, 0, 0, 0, 1), new ScoreDistribution(1, 2, 3, 4, 5)).ShouldBeNull();
        Difference.OfMeans(new ScoreDistribution(1, 2, 3, 4, 5), new ScoreDistribution(0, 0, 0, 0, 0, 9)).ShouldBeNull();
        var constant = Difference.OfMeans(new ScoreDistribution(0, 0, 0, 0, 3), new ScoreDistribution(0, 0, 0, 0, 5))!;
        constant.PValue.ShouldBe(1m);
        constant.Significant.ShouldBeFalse();
    }

    internal static List<int> Expand(ScoreDistribution d) =>
        d.Counts.SelectMany((count, i) => Enumerable.Repeat(i + 1, (int)count)).ToList();

    /// <summary>Φ(x) by Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    internal static double NormalCdf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x) / Math.Sqrt(2));
        var erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                  * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /// <summary>
    /// Two-sided p-value of Student's t for an even number of degrees of freedom, in closed form (Abramowitz and
    /// Stegun 26.7.3): P(|T| &lt; t) = sin θ·(1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2))cos^(ν−2)θ), θ = atan(t/√ν).
    /// </summary>
    internal static double TwoSidedTP(double t, int df)
    {
        if (df % 2 != 0) throw new ArgumentException("the closed form is for even degrees of freedom");
        var theta = Math.Atan(Math.Abs(t) / Math.Sqrt(df));
        double c2 = Math.Cos(theta) * Math.Cos(theta), term = 1, sum = 1;
        for (var j = 1; j <= df / 2 - 1; j++)
        {
            term *= c2 * (2 * j - 1) / (2 * j);
            sum += term;
        }
        return 1 - Math.Sin(theta) * sum;
    }
}

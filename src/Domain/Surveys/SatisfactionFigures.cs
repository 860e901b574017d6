namespace Monitoring.Domain.Surveys;

/// <summary>
/// The satisfaction measures of one distribution, unrounded (rounding is for presentation only):
/// satisfaction = n(5)/raters (top box, "полностью удовлетворены"), positive share = (n4+n5)/raters,
/// mean = Σk·n(k)/raters, the 10-point view = mean × 2. Null where there are no raters. Every share is exact (…Share, 0..1)
/// beside its percentage rounded for presentation (…Percent, one decimal); every mean exact beside …Rounded (two decimals).
/// </summary>
public sealed record SatisfactionFigures(
    long N, long Raters, long[] Counts, long HardToAnswer,
    decimal? SatisfactionShare, decimal? PositiveShare, decimal? Mean, decimal? TenPointMean, bool SmallSample)
{
    /// <summary>The mean as a share of the scale's maximum: how review-site stars are read (Kaluga 2022: 2.7 of 5 → 54 %).</summary>
    public decimal? ShareOfMaximum => Mean is { } m ? CityVariants.ReviewStars(m) : null;

    /// <summary>Below this many raters a figure is flagged and not ranked silently (a methodology parameter).</summary>
    public const int DefaultSmallSampleThreshold = 30;

    public static SatisfactionFigures Of(ScoreDistribution d, int smallSampleThreshold = DefaultSmallSampleThreshold)
    {
        decimal? Share(long part) => d.Raters == 0 ? null : (decimal)part / d.Raters;
        var mean = Share(d.ScoreSum);
        return new SatisfactionFigures(d.N, d.Raters, d.Counts, d.HardToAnswer,
            Share(d.TopBox), Share(d.Positive), mean, mean * 2, d.Raters < smallSampleThreshold);
    }

    public decimal? SatisfactionPercent => SatisfactionShare is { } s ? Presentation.Percent(s) : null;
    public decimal? PositivePercent => PositiveShare is { } s ? Presentation.Percent(s) : null;
    public decimal? MeanRounded => Mean is { } m ? Presentation.Round(m, 2) : null;
    public decimal? TenPointMeanRounded => TenPointMean is { } m ? Presentation.Round(m, 2) : null;
    public decimal? PercentOfMaximum => Presentation.PercentOf(ShareOfMaximum);

    /// <summary>The distribution the figures were computed from.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ScoreDistribution Distribution => ScoreDistribution.FromCounts(Counts, HardToAnswer);

    /// <summary>95 % confidence intervals: Wilson for the shares, t for the mean (exact bounds, in the figure's unit).</summary>
    public Statistics.SatisfactionIntervals Intervals => Statistics.SatisfactionIntervals.Of(Distribution);
}

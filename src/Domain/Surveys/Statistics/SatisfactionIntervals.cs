namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>
/// The 95 % intervals beside the figures of <see cref="SatisfactionFigures"/>: Wilson for the satisfaction (top-box)
/// share and the positive (4 + 5) share, t for the mean. Each is null where its figure cannot be estimated
/// (shares: no raters; mean: fewer than two raters). Shares in 0..1, the mean in points of the 5-point scale.
/// </summary>
public sealed record SatisfactionIntervals(
    ConfidenceInterval? SatisfactionShare, ConfidenceInterval? PositiveShare, ConfidenceInterval? Mean)
{
    /// <summary>The mean's interval on the 10-point view (mean × 2), as <see cref="SatisfactionFigures.TenPointMean"/>.</summary>
    public ConfidenceInterval? TenPointMean => Mean is { } m ? new ConfidenceInterval(m.Low * 2, m.High * 2) : null;

    public static SatisfactionIntervals Of(ScoreDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return new SatisfactionIntervals(
            ConfidenceInterval.Wilson(distribution.TopBox, distribution.Raters),
            ConfidenceInterval.Wilson(distribution.Positive, distribution.Raters),
            ConfidenceInterval.ForMean(distribution));
    }
}

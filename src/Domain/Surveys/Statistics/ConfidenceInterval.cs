namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>
/// A 95 % confidence interval (<see cref="Inference.Level"/>), unrounded: round only when presenting.
/// Shares are in 0..1 (not percent); means are on the scale's points.
/// </summary>
public sealed record ConfidenceInterval(decimal Low, decimal High)
{
    public decimal Width => High - Low;

    public bool Contains(decimal value) => Low <= value && value <= High;

    /// <summary>
    /// The Wilson score interval for a share of <paramref name="successes"/> out of <paramref name="trials"/>
    /// (Wilson 1927; recommended over the simple Wald interval by Newcombe, "Two-sided confidence intervals for the
    /// single proportion", 1998): it never leaves 0..1 and keeps its coverage for small samples and shares near 0 or 1,
    /// where survey top-box shares often sit. Centre (p + z²/2n)/(1 + z²/n), half-width
    /// z/(1 + z²/n)·√(p(1−p)/n + z²/4n²). Null when there are no trials (no share to estimate).
    /// </summary>
    public static ConfidenceInterval? Wilson(long successes, long trials)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "a count is not negative");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes are between 0 and the {trials} trials");
        if (trials == 0) return null;
        double n = trials, p = successes / n, z = Inference.Z, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // k = 0 and k = n give a bound of exactly 0 or 1 algebraically; rounding must not push the observed share outside.
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new ConfidenceInterval(Inference.Dec(low), Inference.Dec(high));
    }

    /// <summary>
    /// The t interval for the mean score of a distribution: mean ± t(0.975, n−1)·s/√n, with s the sample standard
    /// deviation (n − 1 in the denominator) over the raters ("hard to answer" is not a score). Null when there are fewer
    /// than two raters (no spread to estimate). The textbook interval, not clipped to the scale: with very few raters it
    /// can reach past 1..5, which says honestly how little such a sample tells.
    /// </summary>
    public static ConfidenceInterval? ForMean(ScoreDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return ForMean(SampleMoments.Of(distribution));
    }

    /// <summary>
    /// The t interval for the mean of whole-number values known by their count, sum and sum of squares (e.g. minutes
    /// queued, pooled as counters); null below two values.
    /// </summary>
    public static ConfidenceInterval? ForMean(long count, long sum, long sumOfSquares) => ForMean(SampleMoments.Of(count, sum, sumOfSquares));

    private static ConfidenceInterval? ForMean(SampleMoments m)
    {
        // A negative variance can only come from counters that do not belong together (a layout not upgraded yet): not known.
        if (m.Count < 2 || !(m.Variance >= 0)) return null;
        var half = Inference.T(m.Count - 1) * Math.Sqrt(m.Variance / m.Count);
        return new ConfidenceInterval(Inference.Dec(m.Mean - half), Inference.Dec(m.Mean + half));
    }
}

/// <summary>
/// Count, mean and sample variance of the scores of a distribution. The sums are exact integers (scores are 1..5), so
/// the variance comes from n·Σx² − (Σx)² without the cancellation a running double sum would suffer.
/// </summary>
internal readonly record struct SampleMoments(long Count, double Mean, double Variance)
{
    public static SampleMoments Of(ScoreDistribution d) =>
        Of(d.Raters, d.ScoreSum, d.N1 + 4 * d.N2 + 9 * d.N3 + 16 * d.N4 + 25 * d.N5);

    public static SampleMoments Of(long n, long sum, long sumOfSquares)
    {
        var centred = (Int128)n * sumOfSquares - (Int128)sum * sum; // n²·(population variance), exact
        var variance = n < 2 ? double.NaN : (double)centred / ((double)n * (n - 1));
        return new SampleMoments(n, n == 0 ? double.NaN : (double)sum / n, variance);
    }
}

namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>
/// The difference A − B between two independent samples (year over year: A = this period, B = the previous one;
/// body against body: A = the body, B = the one compared with), its 95 % interval, the two-sided p-value and whether
/// it is significant at α = 0.05 (<see cref="Inference.Alpha"/>). Shares are in 0..1 (a difference of 0.05 is five
/// percentage points); means in points. The estimate is exact; interval and p-value are computed in double.
/// </summary>
public sealed record Difference(decimal Estimate, ConfidenceInterval Interval, decimal PValue, bool Significant)
{
    /// <summary>
    /// Two shares, k/n of A against k/n of B, by the two-proportion z-test: the p-value uses the pooled standard error
    /// √(p̄(1−p̄)(1/nA + 1/nB)) (under the null hypothesis both shares are p̄), the interval the unpooled one
    /// √(pA(1−pA)/nA + pB(1−pB)/nB) (the spread of the difference as it is). Rule for "too few to say": null when either
    /// side has no trials. When both shares are 0 or both 1 there is no spread at all: the difference is 0, p = 1.
    /// The normal approximation is rough for small samples; the small-sample flag of the figures says so.
    /// </summary>
    public static Difference? OfShares(long successesA, long trialsA, long successesB, long trialsB)
    {
        Check(successesA, trialsA, nameof(successesA));
        Check(successesB, trialsB, nameof(successesB));
        if (trialsA == 0 || trialsB == 0) return null;
        var estimate = (decimal)successesA / trialsA - (decimal)successesB / trialsB;
        double nA = trialsA, nB = trialsB, pA = successesA / nA, pB = successesB / nB, d = pA - pB;
        var pooled = (successesA + successesB) / (nA + nB);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
        var p = pooledSe == 0 ? 1 : Inference.TwoSidedNormal(d / pooledSe);
        var half = Inference.Z * Math.Sqrt(pA * (1 - pA) / nA + pB * (1 - pB) / nB);
        return Of(estimate, d - half, d + half, p);
    }

    /// <summary>The satisfaction (top-box) shares of two distributions: <see cref="OfShares"/> on n5 of the raters.</summary>
    public static Difference? OfSatisfactionShares(ScoreDistribution a, ScoreDistribution b) =>
        OfShares(a.TopBox, a.Raters, b.TopBox, b.Raters);

    /// <summary>The positive (4 + 5) shares of two distributions: <see cref="OfShares"/> on n4 + n5 of the raters.</summary>
    public static Difference? OfPositiveShares(ScoreDistribution a, ScoreDistribution b) =>
        OfShares(a.Positive, a.Raters, b.Positive, b.Raters);

    /// <summary>
    /// Two mean scores by Welch's t-test (unequal variances): SE = √(sA²/nA + sB²/nB), t = (x̄A − x̄B)/SE, degrees of
    /// freedom by Welch–Satterthwaite SE⁴ / ((sA²/nA)²/(nA−1) + (sB²/nB)²/(nB−1)); interval (x̄A − x̄B) ± t(0.975, df)·SE.
    /// Rule for "too few to say": null when either side has fewer than two raters (its variance cannot be estimated).
    /// When neither side varies at all (SE = 0), equal means give p = 1 and different means p = 0, with a zero-width interval.
    /// </summary>
    public static Difference? OfMeans(ScoreDistribution a, ScoreDistribution b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Raters < 2 || b.Raters < 2) return null;
        var estimate = (decimal)a.ScoreSum / a.Raters - (decimal)b.ScoreSum / b.Raters;
        SampleMoments ma = SampleMoments.Of(a), mb = SampleMoments.Of(b);
        double d = ma.Mean - mb.Mean, va = ma.Variance / ma.Count, vb = mb.Variance / mb.Count, se = Math.Sqrt(va + vb);
        if (se == 0) return Of(estimate, d, d, d == 0 ? 1 : 0);
        var df = (va + vb) * (va + vb) / (va * va / (ma.Count - 1) + vb * vb / (mb.Count - 1));
        var half = Inference.T(df) * se;
        return Of(estimate, d - half, d + half, Inference.TwoSidedT(d / se, df));
    }

    private static Difference Of(decimal estimate, double low, double high, double p)
    {
        var pValue = Inference.P(p);
        return new Difference(estimate, new ConfidenceInterval(Inference.Dec(low), Inference.Dec(high)), pValue, pValue < (decimal)Inference.Alpha);
    }

    private static void Check(long successes, long trials, string name)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(name, trials, "a count is not negative");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(name, successes, $"successes are between 0 and the {trials} trials");
    }
}

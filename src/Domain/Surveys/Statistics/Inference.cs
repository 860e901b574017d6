using MathNet.Numerics.Distributions;

namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>
/// The reference distributions every statistic here uses, at the one level the methodology fixes: 95 % intervals
/// and two-sided tests at α = 0.05. Kept in one place so the level cannot drift between figures.
/// </summary>
public static class Inference
{
    /// <summary>Confidence level of every interval (95 %).</summary>
    public const double Level = 0.95;

    /// <summary>Significance level of every two-sided test (α = 1 − <see cref="Level"/>).</summary>
    public const double Alpha = 1 - Level;

    /// <summary>The standard normal quantile z(0.975) ≈ 1.959964.</summary>
    public static readonly double Z = Normal.InvCDF(0, 1, 1 - Alpha / 2);

    /// <summary>The Student t quantile t(0.975, df): the half-width multiplier of a 95 % t interval.</summary>
    public static double T(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom are positive");
        // The quantile is found numerically (~30 µs); a rating view asks it for every row's mean, with whole-number
        // degrees of freedom (raters − 1) that repeat, so those are kept (Welch's fractional ones are not).
        if (degreesOfFreedom != Math.Floor(degreesOfFreedom) || degreesOfFreedom > int.MaxValue)
            return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - Alpha / 2);
        if (Quantiles.Count > 100_000) Quantiles.Clear();
        return Quantiles.GetOrAdd((int)degreesOfFreedom, df => StudentT.InvCDF(0, 1, df, 1 - Alpha / 2));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> Quantiles = new();

    /// <summary>Two-sided p-value of a standard normal statistic: 2·Φ(−|z|) (the lower tail keeps small p-values exact).</summary>
    public static double TwoSidedNormal(double z) =>
        double.IsInfinity(z) ? 0 : 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>Two-sided p-value of a Student t statistic with the given degrees of freedom: 2·T(−|t|; df).</summary>
    public static double TwoSidedT(double t, double degreesOfFreedom) =>
        double.IsInfinity(t) ? 0 : 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));

    /// <summary>
    /// A computed double as the decimal the figures expose. Statistics are computed in double (the distributions and
    /// the matrix algebra are double); they are exposed unrounded (15 significant digits, what a double carries).
    /// </summary>
    internal static decimal Dec(double value) =>
        double.IsFinite(value) ? (decimal)value : throw new ArithmeticException($"a statistic came out {value}");

    /// <summary>Clamps a p-value into [0, 1]: the distribution functions can overshoot by a rounding error.</summary>
    internal static decimal P(double p) => Dec(Math.Clamp(p, 0, 1));
}

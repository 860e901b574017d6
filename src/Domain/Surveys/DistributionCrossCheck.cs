namespace Monitoring.Domain.Surveys;

/// <summary>
/// Cross-checks of a distribution transcribed from a published report against what the report states about it.
/// The reports contain errors (N that does not match the counts, shares printed in the count row, a mean printed as a
/// percentage); the importer records each mismatch as a warning rather than guessing silently.
/// </summary>
public static class DistributionCrossCheck
{
    public static IReadOnlyList<string> Check(ScoreDistribution d, long? statedN, decimal? statedMean, decimal? statedTopBoxPercent)
    {
        var warnings = new List<string>();
        var figures = SatisfactionFigures.Of(d, smallSampleThreshold: 0);
        if (statedN is { } n && n != d.N)
            warnings.Add($"stated N {n} ≠ counted N {d.N} (Σ counts {d.Raters} + hard to answer {d.HardToAnswer})");
        if (statedN is { } total && total > 150 && d.Raters is > 95 and <= 101 && d.Counts.All(c => c <= 100))
            warnings.Add($"the counts add up to {d.Raters} while N is {total}: they look like percentages (swapped rows?)");
        if (statedMean is { } mean && figures.Mean is { } m)
        {
            if (mean > 5m && mean <= 100m)
                warnings.Add($"stated mean {mean} is outside the 1–5 scale (a percentage printed as the mean?)");
            else if (Presentation.Round(m, 2) != mean)
                warnings.Add($"stated mean {mean} ≠ mean of the distribution {Presentation.Round(m, 2)} ({m:0.####})");
        }
        if (statedTopBoxPercent is { } pct && figures.SatisfactionShare is { } share && Presentation.Percent(share) != pct)
            warnings.Add($"stated satisfaction {pct} % ≠ n(5)/raters {Presentation.Percent(share)} %");
        return warnings;
    }
}

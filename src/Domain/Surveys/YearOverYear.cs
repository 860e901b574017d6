namespace Monitoring.Domain.Surveys;

/// <summary>
/// Change of a figure against the previous period: points for the mean, percentage points for shares. Refused
/// (NotComparable with the reasons) when the scale differs — a 10-point result is never silently compared with a
/// 5-point one — and flagged when the methodology or the set of services changed.
/// </summary>
public sealed record YearOverYear(
    decimal? MeanChange, decimal? SatisfactionChangePoints, bool Comparable, IReadOnlyList<string> Caveats)
{
    public sealed record Basis(int Scale, string Methodology, IReadOnlySet<string> Services);

    public static YearOverYear Compare(SatisfactionFigures current, Basis currentBasis, SatisfactionFigures previous, Basis previousBasis)
    {
        var caveats = new List<string>();
        if (currentBasis.Scale != previousBasis.Scale)
            caveats.Add($"scale changed ({previousBasis.Scale}-point → {currentBasis.Scale}-point)");
        if (currentBasis.Methodology != previousBasis.Methodology)
            caveats.Add($"methodology changed ({previousBasis.Methodology} → {currentBasis.Methodology})");
        if (!currentBasis.Services.SetEquals(previousBasis.Services))
        {
            var added = currentBasis.Services.Except(previousBasis.Services).Count();
            var removed = previousBasis.Services.Except(currentBasis.Services).Count();
            caveats.Add($"service set changed (+{added}, −{removed})");
        }
        if (currentBasis.Scale != previousBasis.Scale)
            return new YearOverYear(null, null, false, caveats);
        return new YearOverYear(
            current.Mean - previous.Mean,
            (current.SatisfactionShare - previous.SatisfactionShare) * 100m,
            caveats.Count == 0,
            caveats);
    }
}

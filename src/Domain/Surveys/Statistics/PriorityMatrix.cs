namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>Where a criterion falls in the importance × satisfaction priority matrix.</summary>
public enum PriorityQuadrant
{
    /// <summary>Important (importance at or above the median) and satisfaction below the median: improve this first.</summary>
    FixFirst,
    /// <summary>Important and satisfaction at or above the median: a strength to keep.</summary>
    Maintain,
    /// <summary>Less important (below the median) and satisfaction below the median: watch it.</summary>
    Monitor,
    /// <summary>Less important and satisfaction at or above the median.</summary>
    LowPriority,
}

/// <summary>A criterion's place in the priority matrix: its importance, its satisfaction (mean score) and its quadrant.</summary>
public sealed record PriorityPlacement(string Criterion, decimal Importance, decimal Satisfaction, PriorityQuadrant Quadrant);

/// <summary>
/// The priority matrix ("importance × performance"): each criterion placed by its importance (the analysis's
/// <see cref="ImportanceMeasure"/>: Pratt share, or |r| without a regression) against its satisfaction (its mean
/// score), split at the medians across the criteria placed. A value equal to a median counts as high (important;
/// satisfied), so with an odd number of criteria the median one is not a problem. Criteria without an importance (no
/// correlation) or without raters are left out. <see cref="FixFirst"/> lists the criteria in the FixFirst quadrant,
/// most important first. The medians are null when no criterion can be placed.
/// </summary>
public sealed record PriorityMatrix(
    ImportanceMeasure Measure,
    decimal? ImportanceMedian,
    decimal? SatisfactionMedian,
    IReadOnlyList<PriorityPlacement> Placements,
    IReadOnlyList<string> FixFirst)
{
    internal static PriorityMatrix Of(IReadOnlyList<CriterionDriver> criteria, ImportanceMeasure measure)
    {
        var placeable = criteria
            .Where(c => c.Importance is not null && c.Mean is not null)
            .Select(c => (c.Criterion, Importance: c.Importance!.Value, Satisfaction: c.Mean!.Value))
            .ToList();
        if (placeable.Count == 0) return new PriorityMatrix(measure, null, null, [], []);
        var importanceMedian = Median(placeable.Select(c => c.Importance));
        var satisfactionMedian = Median(placeable.Select(c => c.Satisfaction));
        var placements = placeable.Select(c => new PriorityPlacement(c.Criterion, c.Importance, c.Satisfaction,
            (c.Importance >= importanceMedian, c.Satisfaction >= satisfactionMedian) switch
            {
                (true, false) => PriorityQuadrant.FixFirst,
                (true, true) => PriorityQuadrant.Maintain,
                (false, false) => PriorityQuadrant.Monitor,
                (false, true) => PriorityQuadrant.LowPriority,
            })).ToList();
        var fixFirst = placements.Where(p => p.Quadrant == PriorityQuadrant.FixFirst)
            .OrderByDescending(p => p.Importance) // stable: equal importance keeps the analysis's order
            .Select(p => p.Criterion).ToList();
        return new PriorityMatrix(measure, importanceMedian, satisfactionMedian, placements, fixFirst);
    }

    private static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

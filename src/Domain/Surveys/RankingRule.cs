namespace Monitoring.Domain.Surveys;

/// <summary>How a campaign's methodology orders services, bodies, regions (a methodology choice).</summary>
public enum RankingRule
{
    /// <summary>2017: by satisfaction % (top box) descending.</summary>
    ByTopBoxShare,
    /// <summary>2018: by mean score (2 decimals) descending, then by satisfaction %.</summary>
    ByMeanThenTopBox,
}

public sealed record RankedItem<TKey>(int Position, TKey Key, SatisfactionFigures Figures);

public static class Ranking
{
    /// <summary>
    /// Orders by the rule on the presented (rounded) values, breaking ties on the unrounded ones; items equal on
    /// both share a position. Small samples and items without raters are left out: never ranked silently.
    /// </summary>
    public static IReadOnlyList<RankedItem<TKey>> Rank<TKey>(IEnumerable<(TKey Key, SatisfactionFigures Figures)> items, RankingRule rule)
    {
        var ordered = items.Where(i => !i.Figures.SmallSample && i.Figures.Raters > 0)
            .Select(i => (i.Key, i.Figures, Sort: SortKey(i.Figures, rule))).OrderByDescending(i => i.Sort, KeyOrder).ToList();
        var result = new List<RankedItem<TKey>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var position = i > 0 && ordered[i].Sort.SequenceEqual(ordered[i - 1].Sort) ? result[i - 1].Position : i + 1;
            result.Add(new RankedItem<TKey>(position, ordered[i].Key, ordered[i].Figures));
        }
        return result;
    }

    // Sort keys compare value by value: the first that differs decides.
    private static readonly IComparer<decimal[]> KeyOrder =
        Comparer<decimal[]>.Create((x, y) => x.Zip(y, (a, b) => a.CompareTo(b)).FirstOrDefault(c => c != 0));

    private static decimal[] SortKey(SatisfactionFigures f, RankingRule rule)
    {
        var share = f.SatisfactionShare!.Value;
        var mean = f.Mean!.Value;
        return rule switch
        {
            RankingRule.ByTopBoxShare => [Presentation.Percent(share), share],
            RankingRule.ByMeanThenTopBox => [Presentation.Round(mean, 2), Presentation.Percent(share), mean, share],
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }
}

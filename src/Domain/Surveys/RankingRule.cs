using Monitoring.Domain.Common;

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
        var eligible = items.Where(i => !i.Figures.SmallSample && i.Figures.Raters > 0).ToList();
        var ordered = eligible.OrderByDescending(i => SortKey(i.Figures, rule), KeyComparer.Instance).ToList();
        var result = new List<RankedItem<TKey>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var position = i > 0 && KeyComparer.Instance.Compare(SortKey(ordered[i].Figures, rule), SortKey(ordered[i - 1].Figures, rule)) == 0
                ? result[i - 1].Position
                : i + 1;
            result.Add(new RankedItem<TKey>(position, ordered[i].Key, ordered[i].Figures));
        }
        return result;
    }

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

    private sealed class KeyComparer : IComparer<decimal[]>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(decimal[]? x, decimal[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
            {
                var c = x[i].CompareTo(y![i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}

namespace Monitoring.Domain.Surveys;

/// <summary>Measures of the city surveys, which differ from the national method.</summary>
public static class CityVariants
{
    /// <summary>
    /// The Petropavlovsk 2019 city survey report: the average score of each criterion asked, summed and compared with the maximum
    /// (5 × criteria): thirteen 5s and two 4s → 73 of 75 → 0.973.
    /// </summary>
    public static (decimal Sum, decimal Maximum, decimal Share) CriteriaSum(IReadOnlyCollection<decimal> criterionMeans, int scale = 5)
    {
        if (criterionMeans.Count == 0) throw new ArgumentException("at least one criterion", nameof(criterionMeans));
        var sum = criterionMeans.Sum();
        var max = (decimal)scale * criterionMeans.Count;
        return (sum, max, sum / max);
    }

    /// <summary>The Kaluga 2022 review-site ratings: a review site's average stars on a 1–5 scale as a share: 2.7 → 0.54, 4.4 → 0.88.</summary>
    public static decimal ReviewStars(decimal averageStars, int maxStars = 5) => averageStars / maxStars;

    /// <summary>Response rate of a contact list (the Petropavlovsk 2019 city survey report: 378 surveyed of 577 contacts → 65.5 %).</summary>
    public static decimal ResponseRate(long surveyed, long contacts) => contacts == 0 ? 0m : (decimal)surveyed / contacts;
}

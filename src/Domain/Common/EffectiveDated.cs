namespace Monitoring.Domain.Common;

/// <summary>
/// Lists of things that take effect from a date (passports, names): kept ordered by effective date, equal dates in
/// recording order, so that the later-recorded one corrects the earlier for the same date.
/// </summary>
public static class EffectiveDated
{
    public static void Insert<T>(List<T> items, T item, Func<T, DateOnly> effectiveFrom)
    {
        var from = effectiveFrom(item);
        items.Insert(items.FindLastIndex(x => effectiveFrom(x) <= from) + 1, item);
    }

    /// <summary>The item in force on <paramref name="date"/>; none before the first one or from <paramref name="endedOn"/>.</summary>
    public static T? ValidOn<T>(IReadOnlyList<T> items, DateOnly? endedOn, DateOnly date, Func<T, DateOnly> effectiveFrom)
        where T : class
    {
        if (endedOn is not null && date >= endedOn) return null;
        T? valid = null;
        foreach (var item in items)
        {
            if (effectiveFrom(item) > date) break;
            valid = item;
        }
        return valid;
    }
}

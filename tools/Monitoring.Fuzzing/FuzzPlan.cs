namespace Monitoring.Fuzzing;

/// <summary>The order requests are sent in: reproducible from the seed alone.</summary>
public static class FuzzPlan
{
    /// <summary>
    /// Every operation's plausible request first (so the store holds what later requests refer to), then every mutation of
    /// every operation once in a shuffled order, then random cases; truncated to <paramref name="count"/>. When the count is
    /// smaller than the catalogue, the shuffle still spreads the requests over every operation.
    /// </summary>
    public static IEnumerable<FuzzCase> Cases(RequestFactory factory, int count, int seed)
    {
        var random = new Random(seed);
        var sent = 0;
        for (var op = 0; op < factory.Operations.Count && sent < count; op++, sent++)
            yield return new FuzzCase(op, -1, random.Next());

        var all = Enumerable.Range(0, factory.Operations.Count)
            .SelectMany(op => Enumerable.Range(0, factory.MutationsOf(op).Count).Select(m => (op, m)))
            .ToArray();
        random.Shuffle(all);
        foreach (var (op, m) in all)
        {
            if (sent++ >= count) yield break;
            yield return new FuzzCase(op, m, random.Next());
        }
        while (sent++ < count)
        {
            var op = random.Next(factory.Operations.Count);
            // One request in ten is plausible: keeps creating state for the mutations to collide with.
            var m = random.Next(10) == 0 || factory.MutationsOf(op).Count == 0 ? -1 : random.Next(factory.MutationsOf(op).Count);
            yield return new FuzzCase(op, m, random.Next());
        }
    }
}

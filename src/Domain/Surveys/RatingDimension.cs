namespace Monitoring.Domain.Surveys;

/// <summary>What the standard rating views group answers by.</summary>
public enum Axis { Service, Body, Region, Channel, Criterion }

/// <summary>A row of a rating view: the values of the view's axes in order (the first names the row; the total has "").</summary>
public readonly record struct GroupKey(string First, string? Second = null)
{
    public static readonly GroupKey Total = new("");
}

/// <summary>Where a count sits on each axis (null: it does not say, e.g. a published service total has no region).</summary>
public readonly record struct Coordinates(string Service, string Body, string? Region = null, string? Channel = null, string? Criterion = null)
{
    public string? this[Axis axis] => axis switch
    {
        Axis.Service => Service, Axis.Body => Body, Axis.Region => Region, Axis.Channel => Channel, _ => Criterion,
    };
}

/// <summary>
/// A standard rating view: the total, one axis, or a pair of axes. The set is closed because every view is pooled ahead
/// by the projection; any other grouping is an ad-hoc slice of the fact table.
/// </summary>
public sealed class Dimension
{
    public static readonly Dimension Total = new("total"), Service = new("service", Axis.Service), Body = new("body", Axis.Body),
        Region = new("region", Axis.Region), Channel = new("channel", Axis.Channel), Criterion = new("criterion", Axis.Criterion),
        ServiceChannel = new("service|channel", Axis.Service, Axis.Channel), ServiceRegion = new("service|region", Axis.Service, Axis.Region),
        BodyRegion = new("body|region", Axis.Body, Axis.Region), BodyChannel = new("body|channel", Axis.Body, Axis.Channel),
        ServiceCriterion = new("service|criterion", Axis.Service, Axis.Criterion), BodyCriterion = new("body|criterion", Axis.Body, Axis.Criterion),
        RegionCriterion = new("region|criterion", Axis.Region, Axis.Criterion);

    /// <summary>Every view, in the order errors list them.</summary>
    public static readonly IReadOnlyList<Dimension> All =
        [
            Total, Service, Body, Region, Channel, Criterion, ServiceChannel, ServiceRegion, BodyRegion, BodyChannel, ServiceCriterion, BodyCriterion,
            RegionCriterion,
        ];

    // The views grouped by each axis: a split pools only into these (looked up per answer, so kept ready).
    private static readonly Dimension[][] ByAxis = Enum.GetValues<Axis>().Select(a => All.Where(d => d.Axes.Contains(a)).ToArray()).ToArray();

    private readonly Axis? _first, _second;

    private Dimension(string name, params Axis[] axes) =>
        (Name, Axes, _first, _second) = (name, axes, axes.Length > 0 ? axes[0] : null, axes.Length > 1 ? axes[1] : null);

    /// <summary>The view's name, as the API's <c>by=</c> and the stored aggregates spell it.</summary>
    public string Name { get; }

    public IReadOnlyList<Axis> Axes { get; }

    public override string ToString() => Name;

    public static Dimension Parse(string name, string parameter) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new DomainRuleViolation(parameter, $"must be one of {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>
    /// The views a count pools into, with its row in each: every view whose axes the count has values for, and for a
    /// published split (a channel, a region, a criterion) only the views grouped by that split, so a channel split never
    /// counts twice in service totals. An answer's overall score sits on service, body, region and channel; each of its
    /// criterion scores on service, body, region and the criterion as a split.
    /// </summary>
    public static IEnumerable<(Dimension View, GroupKey Key)> PoolsOf(Coordinates at, Axis? split = null)
    {
        foreach (var view in split is { } s ? ByAxis[(int)s] : All)
        {
            var first = view._first is { } a ? at[a] : "";
            var second = view._second is { } b ? at[b] : null;
            if (first is null || (view._second is not null && second is null)) continue;
            yield return (view, new GroupKey(first, second));
        }
    }
}

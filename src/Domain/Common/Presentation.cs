namespace Monitoring.Domain.Common;

/// <summary>Rounding happens only when a figure is presented: half away from zero, as the reports do.</summary>
public static class Presentation
{
    public static decimal Round(decimal value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>A share (0..1) as a percentage rounded for display, e.g. 0.79581 → 79.6.</summary>
    public static decimal Percent(decimal share, int digits = 1) => Round(share * 100m, digits);

    /// <summary>A share that may not exist (nobody was asked) as a percentage rounded for display.</summary>
    public static decimal? PercentOf(decimal? share) => share is { } s ? Percent(s) : null;
}

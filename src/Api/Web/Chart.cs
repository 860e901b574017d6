namespace Monitoring.Api.Web;

public enum ChartKind { Bar, Line, Step }

public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>
/// A chart drawn by Chart.js (shipped with the app, <c>wwwroot/lib</c>) from data the page writes as JSON beside the
/// canvas (no inline script: the pages' Content-Security-Policy allows scripts from this site only). The table beside
/// it holds the same figures for those who do not see the chart.
/// </summary>
public sealed record Chart(string Id, ChartKind Kind, string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series,
    string? ValueLabel = null, decimal? Max = null)
{
    public string Json() => JsonSerializer.Serialize(new
    {
        kind = Kind.ToString().ToLowerInvariant(),
        title = Title,
        labels = Labels,
        series = Series.Select(s => new { name = s.Name, values = s.Values }),
        valueLabel = ValueLabel,
        max = Max,
    }, JsonSerializerOptions.Web);
}

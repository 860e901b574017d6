namespace Monitoring.Domain.Methodology;

/// <summary>One indicator's points with everything that explains them.</summary>
public sealed record IndicatorResult(
    string Code, string NameRu, FormulaKind Formula, IReadOnlyDictionary<string, decimal> Parameters,
    IReadOnlyDictionary<string, decimal?> Inputs, decimal Raw, decimal Points, decimal Max, string Derivation);

public sealed record CriterionResult(string Code, string NameRu, decimal Points, decimal Max, IReadOnlyList<IndicatorResult> Indicators);

public sealed record ScorecardResult(
    string Methodology, IReadOnlyList<CriterionResult> Criteria, decimal Sum, decimal Penalty, decimal Final, string Rating,
    decimal? PreviousFinal, decimal? Change, decimal? ChangePercent);

/// <summary>
/// Computes a scorecard from named inputs under a methodology version: pure, decimal, every indicator clamped to
/// [0, max] and rounded (half away from zero) as the version says, and returned with its derivation.
/// </summary>
public static class ScorecardCalculator
{
    public const string PenaltyInput = "penalty.points";

    public static ScorecardResult Compute(MethodologyVersion version, IReadOnlyDictionary<string, decimal?> inputs, decimal? previousFinal = null)
    {
        var criteria = version.Criteria.Select(c =>
        {
            var indicators = c.Indicators.Select(i => Indicator(i, inputs, version.Decimals)).ToList();
            return new CriterionResult(c.Code, c.NameRu, indicators.Sum(i => i.Points), c.Max, indicators);
        }).ToList();
        var sum = criteria.Sum(c => c.Points);
        var penalty = Math.Min(version.PenaltyCap, Math.Max(0, inputs.GetValueOrDefault(PenaltyInput) ?? 0));
        var final = sum - penalty;
        decimal? change = previousFinal is null ? null : final - previousFinal;
        decimal? percent = previousFinal is null or 0 ? null : Presentation.Round((final - previousFinal!.Value) / previousFinal.Value * 100, 2);
        return new ScorecardResult(version.Code, criteria, sum, penalty, final, version.RatingOf(final), previousFinal, change, percent);
    }

    private static readonly System.Globalization.CultureInfo Ru = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>A number as the derivations print it for their Russian readers: decimal comma, no trailing zeros.</summary>
    public static string F(decimal value) => value.ToString("0.######", Ru);

    private static IndicatorResult Indicator(IndicatorDefinition d, IReadOnlyDictionary<string, decimal?> inputs, int decimals)
    {
        var used = d.Inputs.ToDictionary(n => n, n => inputs.GetValueOrDefault(n));
        decimal In(int i) => used[d.Inputs[i]] ?? 0m;
        decimal P(string name) => d.Parameters[name];
        decimal raw;
        string how;
        var rounding = decimals;
        switch (d.Formula)
        {
            case FormulaKind.ShareToPoints:
                raw = d.Max * In(0);
                rounding = 0;
                how = $"{F(d.Max)} × {F(In(0))} = {F(raw)}, с округлением до целых баллов";
                break;
            case FormulaKind.PresentAbsent:
                var all = d.Inputs.All(n => used[n] == 1m);
                raw = all ? d.Max : 0m;
                how = all ? $"все условия выполнены ({string.Join(", ", d.Inputs)}) → {F(d.Max)}" : "условие не выполнено → 0";
                break;
            case FormulaKind.LinearDeduction:
                raw = d.Max * (1 - In(0) / P("tolerance"));
                how = $"{F(d.Max)} × (1 − {F(In(0))} / {F(P("tolerance"))}) = {F(raw)}";
                break;
            case FormulaKind.DeadlineShareWithImprovementBonus:
                var (late, counted) = (In(0), In(1));
                var share = counted == 0 ? 0m : late / counted;
                var basePoints = Math.Max(0, P("base") * (1 - share / P("vMax")));
                var previousShare = used.GetValueOrDefault(d.Inputs.ElementAtOrDefault(2) ?? "");
                var previousLate = used.GetValueOrDefault(d.Inputs.ElementAtOrDefault(3) ?? "");
                var improved = previousShare is { } ps ? share < ps : previousLate is { } pl && late < pl;
                raw = basePoints + (improved ? P("bonus") : 0);
                how = $"V = {F(late)} / {F(counted)} = {F(share)}; {F(P("base"))} × (1 − V / {F(P("vMax"))}) = {F(basePoints)} (0, если V не ниже предельной доли); " +
                      (improved ? $"+{F(P("bonus"))} за снижение доли к прошлому периоду" : "без дополнительного балла: к прошлому периоду улучшения нет");
                break;
            case FormulaKind.Bands:
                var s = In(1) == 0 ? 0m : In(0) / In(1);
                var band = d.Bands!.OrderByDescending(b => b.From).FirstOrDefault(b => b.Exclusive ? s > b.From : s >= b.From);
                raw = band?.Points ?? 0m;
                how = $"s = {F(In(0))} / {F(In(1))} = {F(s)} → интервал {(band is null ? "не найден" : $"от {F(band.From)}")} → {F(raw)}";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(d), d.Formula, "unknown formula kind");
        }
        var points = Presentation.Round(Math.Clamp(raw, 0, d.Max), rounding);
        return new IndicatorResult(d.Code, d.NameRu, d.Formula, d.Parameters, used, raw, points, d.Max, how);
    }
}

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

    public static ScorecardResult Compute(MethodologyVersion version, IReadOnlyDictionary<string, decimal?> inputs, decimal? previousFinal = null) =>
        Compute(version, inputs, previousFinal, derivations: true, earlier: null);

    /// <param name="derivations">False leaves each indicator's derivation text empty: the same points, for a replay that
    /// computes the figures after every one of thousands of events and shows none of the texts (<see cref="ScorecardReplay"/>).</param>
    /// <param name="earlier">A scorecard computed here before under the same version and setting: an indicator whose inputs
    /// are the same as then is taken from it instead of being computed again (it is a function of its inputs alone).</param>
    internal static ScorecardResult Compute(MethodologyVersion version, IReadOnlyDictionary<string, decimal?> inputs, decimal? previousFinal,
        bool derivations, ScorecardResult? earlier)
    {
        // Plain loops: a replay runs this after each of thousands of events. Points are summed in order, as before.
        var criteria = new List<CriterionResult>(version.Criteria.Count);
        var sum = 0m;
        for (var ci = 0; ci < version.Criteria.Count; ci++)
        {
            var c = version.Criteria[ci];
            var indicators = new List<IndicatorResult>(c.Indicators.Count);
            var points = 0m;
            for (var ii = 0; ii < c.Indicators.Count; ii++)
            {
                var indicator = Unchanged(earlier, ci, ii, c.Indicators[ii], inputs) ?? Indicator(c.Indicators[ii], inputs, version.Decimals, derivations);
                indicators.Add(indicator);
                points += indicator.Points;
            }
            criteria.Add(new CriterionResult(c.Code, c.NameRu, points, c.Max, indicators));
            sum += points;
        }
        var penalty = Math.Min(version.PenaltyCap, Math.Max(0, inputs.GetValueOrDefault(PenaltyInput) ?? 0));
        var final = sum - penalty;
        decimal? change = previousFinal is null ? null : final - previousFinal;
        decimal? percent = previousFinal is null or 0 ? null : Presentation.Round((final - previousFinal!.Value) / previousFinal.Value * 100, 2);
        var rating = earlier is not null && earlier.Final == final ? earlier.Rating : version.RatingOf(final);
        return new ScorecardResult(version.Code, criteria, sum, penalty, final, rating, previousFinal, change, percent);
    }

    /// <summary>The earlier result of the indicator at this place, when it is the same indicator and read the same input values.</summary>
    private static IndicatorResult? Unchanged(ScorecardResult? earlier, int criterion, int indicator, IndicatorDefinition d,
        IReadOnlyDictionary<string, decimal?> inputs)
    {
        if (earlier is null || criterion >= earlier.Criteria.Count || indicator >= earlier.Criteria[criterion].Indicators.Count) return null;
        var r = earlier.Criteria[criterion].Indicators[indicator];
        if (r.Code != d.Code) return null;
        foreach (var name in d.Inputs)
            if (!r.Inputs.TryGetValue(name, out var then) || then != inputs.GetValueOrDefault(name)) return null;
        return r;
    }

    private static readonly System.Globalization.CultureInfo Ru = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>A number as the derivations print it for their Russian readers: decimal comma, no trailing zeros.</summary>
    public static string F(decimal value) => value.ToString("0.######", Ru);

    private static IndicatorResult Indicator(IndicatorDefinition d, IReadOnlyDictionary<string, decimal?> inputs, int decimals, bool derivations)
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
                how = derivations ? $"{F(d.Max)} × {F(In(0))} = {F(raw)}, с округлением до целых баллов" : "";
                break;
            case FormulaKind.PresentAbsent:
                var all = d.Inputs.All(n => used[n] == 1m);
                raw = all ? d.Max : 0m;
                how = !derivations ? "" : all ? $"все условия выполнены ({string.Join(", ", d.Inputs)}) → {F(d.Max)}" : "условие не выполнено → 0";
                break;
            case FormulaKind.LinearDeduction:
                raw = d.Max * (1 - In(0) / P("tolerance"));
                how = derivations ? $"{F(d.Max)} × (1 − {F(In(0))} / {F(P("tolerance"))}) = {F(raw)}" : "";
                break;
            case FormulaKind.DeadlineShareWithImprovementBonus:
                var (late, counted) = (In(0), In(1));
                var share = counted == 0 ? 0m : late / counted;
                var basePoints = Math.Max(0, P("base") * (1 - share / P("vMax")));
                var previousShare = used.GetValueOrDefault(d.Inputs.ElementAtOrDefault(2) ?? "");
                var previousLate = used.GetValueOrDefault(d.Inputs.ElementAtOrDefault(3) ?? "");
                var improved = previousShare is { } ps ? share < ps : previousLate is { } pl && late < pl;
                raw = basePoints + (improved ? P("bonus") : 0);
                how = !derivations ? ""
                    : $"V = {F(late)} / {F(counted)} = {F(share)}; {F(P("base"))} × (1 − V / {F(P("vMax"))}) = {F(basePoints)} (0, если V не ниже предельной доли); " +
                      (improved ? $"+{F(P("bonus"))} за снижение доли к прошлому периоду" : "без дополнительного балла: к прошлому периоду улучшения нет");
                break;
            case FormulaKind.Bands:
                var s = In(1) == 0 ? 0m : In(0) / In(1);
                var band = d.Bands!.OrderByDescending(b => b.From).FirstOrDefault(b => b.Exclusive ? s > b.From : s >= b.From);
                raw = band?.Points ?? 0m;
                how = derivations ? $"s = {F(In(0))} / {F(In(1))} = {F(s)} → интервал {(band is null ? "не найден" : $"от {F(band.From)}")} → {F(raw)}" : "";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(d), d.Formula, "unknown formula kind");
        }
        var points = Presentation.Round(Math.Clamp(raw, 0, d.Max), rounding);
        return new IndicatorResult(d.Code, d.NameRu, d.Formula, d.Parameters, used, raw, points, d.Max, how);
    }
}

/// <summary>
/// The scorecard computed again after each of many small changes of its inputs (the history of a figure replays thousands
/// of events): the same calculator, without derivation texts, computing again only the indicators whose inputs changed.
/// </summary>
public sealed class ScorecardReplay(MethodologyVersion version)
{
    private ScorecardResult? _last;

    public ScorecardResult Next(IReadOnlyDictionary<string, decimal?> inputs, decimal? previousFinal) =>
        _last = ScorecardCalculator.Compute(version, inputs, previousFinal, derivations: false, earlier: _last);
}

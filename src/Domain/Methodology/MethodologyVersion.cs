namespace Monitoring.Domain.Methodology;

/// <summary>How an indicator turns its inputs into points. Every kind is defined in <see cref="ScorecardCalculator"/>.</summary>
public enum FormulaKind
{
    /// <summary>max × share, rounded to whole points (1.1 level of satisfaction).</summary>
    ShareToPoints,
    /// <summary>max when every named condition input is 1, else 0 (1.2 measures to raise satisfaction).</summary>
    PresentAbsent,
    /// <summary>max × (1 − X / tolerance), floored at 0 (3.x violations, justified complaints).</summary>
    LinearDeduction,
    /// <summary>
    /// base × (1 − V / vMax) with V = late / counted, floored at 0, plus a bonus when V is below the previous
    /// period's share (or, the previous share unknown, fewer late than before) (2 compliance with deadlines).
    /// </summary>
    DeadlineShareWithImprovementBonus,
    /// <summary>Points of the first band whose lower bound the share reaches (4 internal control).</summary>
    Bands,
}

/// <summary>An indicator: its maximum, formula kind, parameters and the named inputs it reads.</summary>
public sealed record IndicatorDefinition(
    string Code, string NameRu, decimal Max, FormulaKind Formula, IReadOnlyDictionary<string, decimal> Parameters,
    IReadOnlyList<string> Inputs, IReadOnlyList<Band>? Bands = null);

/// <summary>A band: from <see cref="From"/> (inclusive; strictly above when <see cref="Exclusive"/>) the indicator gives <see cref="Points"/>.</summary>
public sealed record Band(decimal From, decimal Points, bool Exclusive = false);

public sealed record CriterionDefinition(string Code, string NameRu, decimal Max, IReadOnlyList<IndicatorDefinition> Indicators);

/// <summary>A rating band of the final score (e.g. "неэффективно" below 50).</summary>
public sealed record RatingBand(decimal From, string NameRu, string NameEn);

/// <summary>What a respondent counts as "satisfied" in the satisfaction indicator (удовлетворённость).</summary>
public enum SatisfiedMeans
{
    /// <summary>Only the top box: "fully satisfied" (5 of 5), as the 2017 reports count it.</summary>
    TopBox,
    /// <summary>The top two boxes: satisfied or fully satisfied (4 or 5 of 5).</summary>
    TopTwoBoxes,
}

/// <summary>The survey rules a version relies on: what "satisfied" means and how rated services are ranked.</summary>
public sealed record SurveyRules(SatisfiedMeans Satisfied, Surveys.RankingRule Ranking)
{
    /// <summary>The evidence input that carries the share of satisfied respondents under this rule.</summary>
    public string ShareInput => Satisfied == SatisfiedMeans.TopBox ? Kz2017.Inputs.TopBoxShare : Kz2017.Inputs.PositiveShare;
}

/// <summary>
/// A methodology version as data: criteria → indicators with maxima, formula kinds and parameters, the penalty cap,
/// the decimals indicator points are rounded to, and the rating bands. Published versions are never edited.
/// </summary>
public sealed record MethodologyVersion(
    string Code, string Title, bool Reconstructed, IReadOnlyList<CriterionDefinition> Criteria, decimal PenaltyCap, int Decimals,
    IReadOnlyList<RatingBand> RatingBands, SurveyRules? Survey = null)
{
    /// <summary>What is wrong with this version as data (maxima that do not add up, unknown kinds, missing parameters …).</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        // A published version is never edited, so one that cannot score would fail every assessment under it for
        // ever: its shape is checked to the last band, and then it is made to score.
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Code)) problems.Add(("code", "is required"));
        if (string.IsNullOrWhiteSpace(Title)) problems.Add(("title", "is required"));
        if (Criteria is null || Criteria.Count == 0) return [.. problems, ("criteria", "is required")];
        if (RatingBands is null) problems.Add(("ratingBands", "is required"));
        else
            for (var i = 0; i < RatingBands.Count; i++)
                if (RatingBands[i] is null) problems.Add(($"ratingBands[{i}]", "must not be null"));
                else if (string.IsNullOrWhiteSpace(RatingBands[i].NameRu)) problems.Add(($"ratingBands[{i}].nameRu", "is required"));
                else if (RatingBands[i].From is < 0 or > 100) problems.Add(($"ratingBands[{i}].from", "must be 0..100"));
        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            if (c is null) { problems.Add(($"criteria[{i}]", "must not be null")); continue; }
            if (string.IsNullOrWhiteSpace(c.Code)) problems.Add(($"criteria[{i}].code", "is required"));
            if (string.IsNullOrWhiteSpace(c.NameRu)) problems.Add(($"criteria[{i}].nameRu", "is required"));
            if (c.Max is < 0 or > 100) problems.Add(($"criteria[{i}].max", "must be 0..100"));
            if (c.Indicators is null || c.Indicators.Count == 0) { problems.Add(($"criteria[{i}].indicators", "at least one indicator")); continue; }
            for (var j = 0; j < c.Indicators.Count; j++)
            {
                var ind = c.Indicators[j];
                var field = $"criteria[{i}].indicators[{j}]";
                if (ind is null) { problems.Add((field, "must not be null")); continue; }
                if (string.IsNullOrWhiteSpace(ind.Code)) problems.Add(($"{field}.code", "is required"));
                if (string.IsNullOrWhiteSpace(ind.NameRu)) problems.Add(($"{field}.nameRu", "is required"));
                if (ind.Max is < 0 or > 100) problems.Add(($"{field}.max", "must be 0..100"));
                if (ind.Parameters is null) problems.Add(($"{field}.parameters", "is required (may be empty)"));
                else
                    foreach (var (name, value) in ind.Parameters)
                        if (value is < 0.0001m or > 1_000_000m) problems.Add(($"{field}.parameters.{name}", "must be between 0.0001 and 1,000,000"));
                if (ind.Inputs is null || ind.Inputs.Any(string.IsNullOrWhiteSpace)) problems.Add(($"{field}.inputs", "are required and must be named"));
                else if (Enum.IsDefined(ind.Formula) && ind.Inputs.Count < InputsNeeded(ind.Formula))
                    problems.Add(($"{field}.inputs", $"{ind.Formula} reads {InputsNeeded(ind.Formula)} inputs"));
                if (ind.Bands is not null)
                    for (var b = 0; b < ind.Bands.Count; b++)
                        if (ind.Bands[b] is null) problems.Add(($"{field}.bands[{b}]", "must not be null"));
            }
            var codes = c.Indicators.Where(x => x is not null).Select(x => x.Code).ToList();
            if (codes.Distinct().Count() != codes.Count) problems.Add(($"criteria[{i}].indicators", "indicator codes must be unique"));
        }
        var criterionCodes = Criteria.Where(x => x is not null).Select(x => x.Code).ToList();
        if (criterionCodes.Distinct().Count() != criterionCodes.Count) problems.Add(("criteria", "criterion codes must be unique"));
        if (PenaltyCap is < 0 or > 100) problems.Add(("penaltyCap", "must be 0..100"));
        if (problems.Count > 0) return problems;

        if (Criteria.Sum(c => c.Max) != 100m) problems.Add(("criteria", $"maxima add up to {Criteria.Sum(c => c.Max)}, not 100"));
        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            if (c.Indicators.Sum(x => x.Max) != c.Max)
                problems.Add(($"criteria[{i}].indicators", $"maxima add up to {c.Indicators.Sum(x => x.Max)}, not the criterion's {c.Max}"));
            for (var j = 0; j < c.Indicators.Count; j++)
            {
                var ind = c.Indicators[j];
                var field = $"criteria[{i}].indicators[{j}]";
                if (!Enum.IsDefined(ind.Formula)) problems.Add(($"{field}.formula", "unknown formula kind"));
                foreach (var required in RequiredParameters(ind.Formula))
                    if (!ind.Parameters.TryGetValue(required, out var value) || value <= 0)
                        problems.Add(($"{field}.parameters.{required}", "required and must be positive"));
                if (ind.Formula == FormulaKind.Bands && (ind.Bands is null || ind.Bands.Count == 0 || ind.Bands.Any(b => b.Points > ind.Max || b.Points < 0)))
                    problems.Add(($"{field}.bands", "bands are required, with points between 0 and the maximum"));
            }
        }
        if (Survey is not null)
        {
            if (!Enum.IsDefined(Survey.Satisfied)) problems.Add(("survey.satisfied", "unknown rule"));
            if (!Enum.IsDefined(Survey.Ranking)) problems.Add(("survey.ranking", "unknown ranking rule"));
            var other = Survey.Satisfied == SatisfiedMeans.TopBox ? Kz2017.Inputs.PositiveShare : Kz2017.Inputs.TopBoxShare;
            for (var i = 0; i < Criteria.Count; i++)
                for (var j = 0; j < Criteria[i].Indicators.Count; j++)
                    if (Criteria[i].Indicators[j].Inputs.Contains(other))
                        problems.Add(($"criteria[{i}].indicators[{j}].inputs", $"reads {other}, but the survey rule counts as satisfied: {Survey.Satisfied} ({Survey.ShareInput})"));
        }
        if (Decimals is < 0 or > 4) problems.Add(("decimals", "must be 0..4"));
        if (problems.Count > 0) return problems;

        // Made to score with every input at nothing, at one, and large, and a previous final.
        var inputs = Criteria.SelectMany(c => c.Indicators).SelectMany(i => i.Inputs).Append(ScorecardCalculator.PenaltyInput).Distinct().ToList();
        foreach (var value in new[] { 0m, 1m, 1_000_000m })
        {
            try
            {
                ScorecardCalculator.Compute(this, inputs.ToDictionary(n => n, _ => (decimal?)value), 50m);
            }
            catch (Exception e) when (e is ArithmeticException or ArgumentException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
            {
                problems.Add(("body", $"cannot be scored with every input at {value}: {e.Message}"));
                break;
            }
        }
        return problems;
    }

    /// <summary>How many named inputs a formula reads (see <see cref="ScorecardCalculator"/>).</summary>
    public static int InputsNeeded(FormulaKind kind) => kind switch
    {
        FormulaKind.DeadlineShareWithImprovementBonus or FormulaKind.Bands => 2,
        _ => 1,
    };

    public static IEnumerable<string> RequiredParameters(FormulaKind kind) => kind switch
    {
        FormulaKind.LinearDeduction => ["tolerance"],
        FormulaKind.DeadlineShareWithImprovementBonus => ["base", "vMax", "bonus"],
        _ => [],
    };

    public string RatingOf(decimal final) =>
        RatingBands.OrderByDescending(b => b.From).FirstOrDefault(b => final >= b.From)?.NameRu ?? "";
}

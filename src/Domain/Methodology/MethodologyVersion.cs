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
        var problems = new List<(string, string)>();
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
        if (PenaltyCap < 0) problems.Add(("penaltyCap", "must not be negative"));
        if (Decimals is < 0 or > 4) problems.Add(("decimals", "must be 0..4"));
        return problems;
    }

    public static IEnumerable<string> RequiredParameters(FormulaKind kind) => kind switch
    {
        FormulaKind.LinearDeduction => ["tolerance"],
        FormulaKind.DeadlineShareWithImprovementBonus => ["base", "vMax", "bonus"],
        _ => [],
    };

    public string RatingOf(decimal final) =>
        RatingBands.OrderByDescending(b => b.From).FirstOrDefault(b => final >= b.From)?.NameRu ?? "";
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using Monitoring.Domain.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary>
/// How the assessment pages write figures and name them: exact values in the person's culture (a decimal comma in
/// Russian and Kazakh; the read models have rounded the points already, so nothing is rounded here), and a figure's
/// name in their language (criteria and indicators by the methodology's names, inputs and totals from the texts).
/// </summary>
public static class FigureText
{
    /// <summary>The figures every methodology has besides its criteria, indicators and inputs.</summary>
    public static readonly IReadOnlyList<string> Totals = ["final", "sum", "penalty"];

    public static string Number(decimal? value) =>
        value?.ToString("#,0.############################", CultureInfo.CurrentCulture) ?? "—";

    public static string Signed(decimal? value) => value is { } v ? (v > 0 ? "+" : "") + Number(v) : "—";

    /// <summary>A figure's name: a total or an input from the texts, a criterion or an indicator by the methodology's name.</summary>
    public static string Label(this IStringLocalizer t, string figure, ScorecardResult? scorecard = null)
    {
        var text = t[(Totals.Contains(figure) ? "Figure_" : "Input_") + figure];
        if (!text.ResourceNotFound) return text.Value;
        var criterion = scorecard?.Criteria.FirstOrDefault(c => c.Code == figure);
        if (criterion is not null) return $"{criterion.Code}. {criterion.NameRu}";
        var indicator = scorecard?.Criteria.SelectMany(c => c.Indicators).FirstOrDefault(i => i.Code == figure);
        return indicator is not null ? $"{indicator.Code}. {indicator.NameRu}" : figure;
    }

    /// <summary>A source of evidence in the person's language (the code itself when the texts do not name it).</summary>
    public static string Source(this IStringLocalizer t, string source)
    {
        var text = t["Source_" + source.Split(':')[0]];
        return text.ResourceNotFound ? source : source.Contains(':') ? $"{text.Value} ({source[(source.IndexOf(':') + 1)..]})" : text.Value;
    }

    /// <summary>The band's name in the person's language where the methodology gives it (Russian otherwise).</summary>
    public static string Rating(string rating, MethodologyVersion? version) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
        && version?.RatingBands.FirstOrDefault(r => r.NameRu == rating) is { } band && !string.IsNullOrWhiteSpace(band.NameEn)
            ? band.NameEn
            : rating;

    /// <summary>The known input names, for the figure pages' links (the evidence provides exactly these).</summary>
    public static IReadOnlySet<string> Inputs => AssessmentEvidence.Known;
}


namespace Monitoring.Domain.Assessments;

/// <summary>
/// A scorecard computed from the evidence known up to a moment: the global event sequence the evidence was read up to,
/// the input values with the events behind them, and the result under a methodology version.
/// </summary>
public sealed record ComputedScorecard(
    string BodyCode, int Period, long EvidenceSequence, DateTimeOffset EvidenceAsOf, IReadOnlyDictionary<string, InputValue> InputValues,
    ScorecardResult Scorecard)
{
    public IReadOnlyDictionary<string, decimal?> Inputs => InputValues.ToDictionary(kv => kv.Key, kv => kv.Value.Value);

    public static ComputedScorecard Compute(MethodologyVersion version, AssessmentEvidence evidence, long evidenceSequence, DateTimeOffset asOf)
    {
        var inputs = evidence.Inputs();
        var values = inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        var result = ScorecardCalculator.Compute(version, values, values.GetValueOrDefault(AssessmentEvidence.PreviousFinal));
        return new ComputedScorecard(evidence.BodyCode, evidence.Period, evidenceSequence, asOf, inputs, result);
    }

    /// <summary>SHA-256 over what a revision states (body, period, methodology, inputs, every indicator, sum, penalty, final), never over when it was computed.</summary>
    public string ContentHash() => Hash(BodyCode, Period, Inputs, Scorecard);

    public static string Hash(string body, int period, IReadOnlyDictionary<string, decimal?> inputs, ScorecardResult s)
    {
        var text = new StringBuilder();
        text.Append("body=").Append(body).Append('\n').Append("period=").Append(period).Append('\n').Append("methodology=").Append(s.Methodology).Append('\n');
        foreach (var (name, value) in inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append("input.").Append(name).Append('=').Append(Canonical(value)).Append('\n');
        foreach (var indicator in s.Criteria.SelectMany(c => c.Indicators))
            text.Append("indicator.").Append(indicator.Code).Append('=').Append(Canonical(indicator.Raw)).Append(';').Append(Canonical(indicator.Points)).Append('\n');
        text.Append("sum=").Append(Canonical(s.Sum)).Append("\npenalty=").Append(Canonical(s.Penalty)).Append("\nfinal=").Append(Canonical(s.Final)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Decimals without trailing zeros, so that 0.5850 and 0.585 (e.g. after a JSON round trip) hash alike.</summary>
    private static string Canonical(decimal? value) => value is { } v ? v.ToString("G29", CultureInfo.InvariantCulture) : "null";
}

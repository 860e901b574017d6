namespace Monitoring.Domain.Surveys;

/// <summary>
/// How many respondents gave each score 1..5, and how many said "hard to answer" (затрудняюсь ответить).
/// N counts every respondent; raters are those who gave a score. Aggregates pool distributions (sum the counts):
/// averaging the means or percentages of parts gives wrong answers.
/// </summary>
public sealed record ScoreDistribution(long N1, long N2, long N3, long N4, long N5, long HardToAnswer = 0)
{
    public static readonly ScoreDistribution Empty = new(0, 0, 0, 0, 0);

    public static ScoreDistribution FromCounts(IReadOnlyList<long> counts, long hardToAnswer = 0)
    {
        if (counts.Count != 5) throw new ArgumentException("a 5-point distribution has five counts (1..5)", nameof(counts));
        return new ScoreDistribution(counts[0], counts[1], counts[2], counts[3], counts[4], hardToAnswer);
    }

    // One answer's distribution, shared (a distribution is immutable): index 0 is "hard to answer", 1..5 the scores.
    private static readonly ScoreDistribution[] Single =
        [new(0, 0, 0, 0, 0, 1), new(1, 0, 0, 0, 0), new(0, 1, 0, 0, 0), new(0, 0, 1, 0, 0), new(0, 0, 0, 1, 0), new(0, 0, 0, 0, 1)];

    /// <summary>One answer: a score 1..5, or null for "hard to answer".</summary>
    public static ScoreDistribution Of(int? score) => score is null or (>= 1 and <= 5)
        ? Single[score ?? 0]
        : throw new ArgumentOutOfRangeException(nameof(score), score, "a score is 1..5");

    public long Raters => N1 + N2 + N3 + N4 + N5;
    public long N => Raters + HardToAnswer;
    /// <summary>Σ k·n(k).</summary>
    public long ScoreSum => N1 + 2 * N2 + 3 * N3 + 4 * N4 + 5 * N5;
    public long TopBox => N5;
    public long Positive => N4 + N5;
    /// <summary>Scores 1–2: "dissatisfied" in the social-concern index.</summary>
    public long Negative => N1 + N2;

    public long[] Counts => [N1, N2, N3, N4, N5];

    public static ScoreDistribution operator +(ScoreDistribution a, ScoreDistribution b) =>
        new(a.N1 + b.N1, a.N2 + b.N2, a.N3 + b.N3, a.N4 + b.N4, a.N5 + b.N5, a.HardToAnswer + b.HardToAnswer);

    public static ScoreDistribution Pool(IEnumerable<ScoreDistribution> parts) => parts.Aggregate(Empty, (a, b) => a + b);
}

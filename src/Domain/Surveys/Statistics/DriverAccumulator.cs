namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>
/// Streams survey answers into the sums a key-driver analysis needs, for a fixed list of criterion codes, in memory
/// that grows with the number of criteria k (O(k²)) and not with the number of answers: a million answers are fed one
/// at a time (or per database batch, one accumulator per batch, then <see cref="MergeFrom"/>).
/// <para>
/// Two kinds of sums are kept, because answers are incomplete ("hard to answer", questions not asked):
/// <b>pairwise</b> for each criterion with the overall score, over the answers that scored both (for each criterion's
/// correlation with the overall score, using all the data it can), and <b>listwise</b> the cross products of the
/// overall score and every criterion over the answers that scored all of them (the complete cases the regression needs:
/// one consistent sample). Each criterion's own score distribution counts every answer that gave it, whether or not the
/// overall score was given. All sums are exact integers (scores are 1..5), so merging is exact and order-independent.
/// </para>
/// Not thread-safe: one accumulator per thread or batch, merged afterwards.
/// </summary>
public sealed class DriverAccumulator
{
    private readonly string[] _criteria;
    private readonly Dictionary<string, int> _index;
    private readonly Pairwise[] _pairwise;
    private readonly long[][] _criterionCounts; // per criterion: [hard to answer, n1..n5]
    private readonly long[] _overallCounts = new long[6];
    // Listwise: variable 0 is the overall score, 1..k the criteria; upper triangle of Σ vᵢvⱼ, and Σ vᵢ.
    private readonly long[] _sums;
    private readonly long[,] _products;
    private readonly int[] _scratch;

    /// <param name="criteria">The criterion codes of the analysis, in the order the result lists them: at least one, no blanks, no repeats.</param>
    public DriverAccumulator(IEnumerable<string> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        _criteria = criteria.ToArray();
        if (_criteria.Length == 0) throw new ArgumentException("a driver analysis needs at least one criterion", nameof(criteria));
        if (_criteria.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a criterion code is not blank", nameof(criteria));
        if (_criteria.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ArgumentException($"criterion '{repeated.Key}' is listed twice", nameof(criteria));
        _index = _criteria.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var k = _criteria.Length;
        _pairwise = new Pairwise[k];
        _criterionCounts = Enumerable.Range(0, k).Select(_ => new long[6]).ToArray();
        _sums = new long[k + 1];
        _products = new long[k + 1, k + 1];
        _scratch = new int[k + 1];
    }

    /// <summary>The criterion codes of the analysis, in order.</summary>
    public IReadOnlyList<string> Criteria => _criteria;

    /// <summary>Answers fed so far (every answer, complete or not).</summary>
    public long Answers { get; private set; }

    /// <summary>Answers that scored the overall question and every criterion: the regression's cases.</summary>
    public long CompleteAnswers { get; private set; }

    /// <summary>
    /// Feeds one answer. <paramref name="overall"/>: the overall satisfaction score 1..5, or null for "hard to answer".
    /// <paramref name="criterionScores"/>: criterion code → score 1..5, or null for "hard to answer"; a criterion whose
    /// code is absent was not asked of this respondent. Codes outside the analysis are ignored (an analysis may look at a
    /// subset of the instrument's criteria). A score outside 1..5 is refused and the answer is not counted at all.
    /// </summary>
    public void Add(int? overall, IReadOnlyDictionary<string, int?> criterionScores)
    {
        ArgumentNullException.ThrowIfNull(criterionScores);
        CheckScore(overall, "overall");
        var k = _criteria.Length;
        var complete = overall is not null;
        for (var j = 0; j < k; j++)
        {
            int? score = criterionScores.TryGetValue(_criteria[j], out var s) ? s : null;
            CheckScore(score, _criteria[j]);
            _scratch[j + 1] = score ?? 0;
            complete &= score is not null;
        }
        // Validated as a whole before anything is counted: a refused answer leaves the sums as they were.
        Answers++;
        _overallCounts[overall ?? 0]++;
        var y = overall ?? 0;
        for (var j = 0; j < k; j++)
        {
            if (!criterionScores.TryGetValue(_criteria[j], out var given)) continue; // not asked
            _criterionCounts[j][given ?? 0]++;
            if (overall is null || given is null) continue;
            _pairwise[j].Add(_scratch[j + 1], y);
        }
        if (!complete) return;
        CompleteAnswers++;
        _scratch[0] = y;
        for (var a = 0; a <= k; a++)
        {
            var va = _scratch[a];
            _sums[a] += va;
            for (var b = a; b <= k; b++) _products[a, b] += va * _scratch[b];
        }
    }

    /// <summary>
    /// Adds another accumulator's answers to this one (this one changes; the other does not). Both must analyse the
    /// same criteria in the same order. Feeding everything to one accumulator and merging parts give identical sums.
    /// </summary>
    public void MergeFrom(DriverAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this)) throw new ArgumentException("an accumulator cannot absorb itself", nameof(other));
        if (!_criteria.SequenceEqual(other._criteria))
            throw new ArgumentException("accumulators of different criterion lists cannot be merged", nameof(other));
        var k = _criteria.Length;
        Answers += other.Answers;
        CompleteAnswers += other.CompleteAnswers;
        for (var s = 0; s < 6; s++) _overallCounts[s] += other._overallCounts[s];
        for (var j = 0; j < k; j++)
        {
            _pairwise[j].Add(other._pairwise[j]);
            for (var s = 0; s < 6; s++) _criterionCounts[j][s] += other._criterionCounts[j][s];
        }
        for (var a = 0; a <= k; a++)
        {
            _sums[a] += other._sums[a];
            for (var b = a; b <= k; b++) _products[a, b] += other._products[a, b];
        }
    }

    /// <summary>The analysis of the answers fed so far (the accumulator can keep being fed afterwards).</summary>
    public DriverAnalysis Analyse() => DriverAnalysis.From(this);

    // ---- read by DriverAnalysis ----

    internal ScoreDistribution OverallDistribution => Distribution(_overallCounts);

    internal ScoreDistribution CriterionDistribution(int j) => Distribution(_criterionCounts[j]);

    internal Pairwise PairwiseSums(int j) => _pairwise[j];

    /// <summary>n·Σvₐv_b − Σvₐ·Σv_b over the complete answers (n² times the covariance), exact; 0 = overall, 1..k the criteria.</summary>
    internal Int128 ListwiseCentred(int a, int b)
    {
        var (lo, hi) = a <= b ? (a, b) : (b, a);
        return (Int128)CompleteAnswers * _products[lo, hi] - (Int128)_sums[lo] * _sums[hi];
    }

    private static ScoreDistribution Distribution(long[] c) => new(c[1], c[2], c[3], c[4], c[5], c[0]);

    private static void CheckScore(int? score, string what)
    {
        if (score is < 1 or > 5)
            throw new ArgumentOutOfRangeException(what, score, $"the {(what == "overall" ? "overall score" : $"score of criterion '{what}'")} is 1..5 or null (hard to answer)");
    }

    /// <summary>Sums of one criterion (x) with the overall score (y) over the answers that gave both.</summary>
    internal struct Pairwise
    {
        public long N, SumX, SumY, SumXX, SumYY, SumXY;

        public void Add(int x, int y)
        {
            N++; SumX += x; SumY += y; SumXX += x * x; SumYY += y * y; SumXY += x * y;
        }

        public void Add(Pairwise o)
        {
            N += o.N; SumX += o.SumX; SumY += o.SumY; SumXX += o.SumXX; SumYY += o.SumYY; SumXY += o.SumXY;
        }

        // n² times the (co)variances, exact.
        public readonly Int128 Cxx => (Int128)N * SumXX - (Int128)SumX * SumX;
        public readonly Int128 Cyy => (Int128)N * SumYY - (Int128)SumY * SumY;
        public readonly Int128 Cxy => (Int128)N * SumXY - (Int128)SumX * SumY;
    }
}

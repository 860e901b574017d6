using System.Text.Json;
using Monitoring.Domain.Surveys.Statistics;

namespace Monitoring.Domain.Tests.Surveys;

/// <summary>
/// Key-driver analysis checked against statistics computed here from the raw answers: Pearson r by the textbook
/// formula, standardised betas by solving the normal equations of z-scored data with the small Gaussian elimination
/// below, standard errors from the unstandardised OLS fit.
/// </summary>
public sealed class DriverAnalysisTests
{
    private sealed record Answer(int? Overall, Dictionary<string, int?> Scores);

    private static readonly string[] Criteria = ["speed", "courtesy", "clarity", "comfort"];

    /// <summary>
    /// Answers where the overall score is driven mostly by speed (weight 0.8) and a little by courtesy (0.15), the
    /// criteria share a general factor (as satisfaction criteria do), speed is the least satisfying criterion, and some
    /// scores are "hard to answer" (null) or not asked (absent).
    /// </summary>
    private static List<Answer> Generated(int count, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int Score(double x) => (int)Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), 1, 5);
        double[] centre = [2.6, 3.8, 3.6, 4.0];
        var answers = new List<Answer>();
        for (var i = 0; i < count; i++)
        {
            var g = Normal();
            var raw = centre.Select(c => Score(c + 0.6 * g + 0.9 * Normal())).ToArray();
            var overall = Score(3.3 + 0.8 * (raw[0] - 3) + 0.15 * (raw[1] - 3) + 0.5 * Normal());
            var scores = new Dictionary<string, int?>();
            for (var j = 0; j < Criteria.Length; j++)
            {
                var u = random.NextDouble();
                if (u < 0.03) continue; // not asked
                scores[Criteria[j]] = u < 0.08 ? null : raw[j];
            }
            answers.Add(new Answer(random.NextDouble() < 0.04 ? null : overall, scores));
        }
        return answers;
    }

    private static DriverAccumulator Fed(IEnumerable<Answer> answers, IEnumerable<string>? criteria = null)
    {
        var acc = new DriverAccumulator(criteria ?? Criteria);
        foreach (var a in answers) acc.Add(a.Overall, a.Scores);
        return acc;
    }

    [Fact]
    public void The_criterion_that_drives_overall_satisfaction_ranks_first_and_is_the_first_to_fix()
    {
        var analysis = Fed(Generated(3000, seed: 12)).Analyse();

        analysis.ImportanceMeasure.ShouldBe(ImportanceMeasure.PrattShare);
        var speed = analysis.Criteria.Single(c => c.Criterion == "speed");
        speed.Rank.ShouldBe(1);
        speed.Regression!.PValue!.Value.ShouldBeLessThan(0.001m);
        analysis.Criteria.Sum(c => c.Importance!.Value).ShouldBe(1m, 1e-12m);
        analysis.Criteria.Select(c => c.Rank).Order().ShouldBe(new int?[] { 1, 2, 3, 4 });

        analysis.Priority.Measure.ShouldBe(ImportanceMeasure.PrattShare);
        analysis.Priority.FixFirst[0].ShouldBe("speed");
        analysis.Priority.Placements.Single(p => p.Criterion == "speed").Quadrant.ShouldBe(PriorityQuadrant.FixFirst);
        // Comfort: highly rated and barely moves the overall score.
        analysis.Priority.Placements.Single(p => p.Criterion == "comfort").Quadrant.ShouldBe(PriorityQuadrant.LowPriority);
    }

    [Fact]
    public void Correlations_are_pairwise_and_match_Pearson_r_from_the_raw_answers()
    {
        var answers = Generated(2000, seed: 7);
        var analysis = Fed(answers).Analyse();
        analysis.Answers.ShouldBe(2000);
        foreach (var c in analysis.Criteria)
        {
            var pairs = answers.Where(a => a.Overall is not null && a.Scores.GetValueOrDefault(c.Criterion) is not null)
                .Select(a => ((double)a.Scores[c.Criterion]!.Value, (double)a.Overall!.Value)).ToList();
            c.N.ShouldBe(pairs.Count);
            var r = Pearson(pairs);
            ((double)c.Correlation!.R).ShouldBe(r, 1e-9);
            var half = 1.959963984540054 / Math.Sqrt(pairs.Count - 3);
            ((double)c.Correlation.Interval!.Low).ShouldBe(Math.Tanh(Math.Atanh(r) - half), 1e-9);
            ((double)c.Correlation.Interval.High).ShouldBe(Math.Tanh(Math.Atanh(r) + half), 1e-9);

            // The criterion's satisfaction counts every answer that scored it, with or without an overall score.
            var given = answers.Select(a => a.Scores.GetValueOrDefault(c.Criterion)).Where(s => s is not null).ToList();
            c.Mean.ShouldBe((decimal)given.Sum(s => s!.Value) / given.Count);
            c.Scores.HardToAnswer.ShouldBe(answers.Count(a => a.Scores.TryGetValue(c.Criterion, out var s) && s is null));
        }
    }

    [Fact]
    public void The_p_value_of_r_is_the_t_test_with_N_minus_2_degrees_of_freedom()
    {
        // Twelve complete answers: df = 10, checked with the closed form for even degrees of freedom.
        int[] x = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 2], y = [2, 1, 3, 3, 2, 4, 4, 3, 5, 4, 5, 3];
        var acc = new DriverAccumulator(["x"]);
        for (var i = 0; i < x.Length; i++) acc.Add(y[i], new Dictionary<string, int?> { ["x"] = x[i] });
        var c = acc.Analyse().Criteria[0];

        var r = Pearson(x.Zip(y, (a, b) => ((double)a, (double)b)).ToList());
        var t = r * Math.Sqrt(10 / (1 - r * r));
        ((double)c.Correlation!.R).ShouldBe(r, 1e-12);
        ((double)c.Correlation.PValue!.Value).ShouldBe(StatisticsTests.TwoSidedTP(t, 10), 1e-9);
    }

    [Fact]
    public void Betas_match_the_normal_equations_of_z_scored_complete_answers()
    {
        var answers = Generated(1500, seed: 3);
        var analysis = Fed(answers).Analyse();

        var complete = answers.Where(a => a.Overall is not null && Criteria.All(c => a.Scores.GetValueOrDefault(c) is not null)).ToList();
        int n = complete.Count, k = Criteria.Length;
        var y = complete.Select(a => (double)a.Overall!.Value).ToArray();
        var x = Criteria.Select(c => complete.Select(a => (double)a.Scores[c]!.Value).ToArray()).ToArray();

        double[] Z(double[] v) { var m = v.Average(); var s = Math.Sqrt(v.Sum(e => (e - m) * (e - m)) / (v.Length - 1)); return v.Select(e => (e - m) / s).ToArray(); }
        var zy = Z(y);
        var zx = x.Select(Z).ToArray();
        var a = new double[k, k];
        var rhs = new double[k];
        for (var i = 0; i < k; i++)
        {
            rhs[i] = Enumerable.Range(0, n).Sum(t => zx[i][t] * zy[t]);
            for (var j = 0; j < k; j++) a[i, j] = Enumerable.Range(0, n).Sum(t => zx[i][t] * zx[j][t]);
        }
        var beta = Solve(a, rhs);

        // R² and the coefficients' t from the unstandardised fit: residuals of y on the centred x.
        var fitted = Enumerable.Range(0, n).Select(t => Enumerable.Range(0, k).Sum(j => beta[j] * zx[j][t])).ToArray();
        var ssRes = Enumerable.Range(0, n).Sum(t => (zy[t] - fitted[t]) * (zy[t] - fitted[t]));
        var ssTot = zy.Sum(v => v * v);
        var rSquared = 1 - ssRes / ssTot;

        var model = analysis.Model!;
        analysis.ModelUnavailableReason.ShouldBeNull();
        model.N.ShouldBe(n);
        ((double)model.RSquared).ShouldBe(rSquared, 1e-9);
        ((double)model.AdjustedRSquared).ShouldBe(1 - (1 - rSquared) * (n - 1) / (n - k - 1), 1e-9);
        for (var j = 0; j < k; j++)
        {
            var coefficient = analysis.Criteria[j].Regression!;
            ((double)coefficient.Beta).ShouldBe(beta[j], 1e-9);
            // SE of the standardised coefficient: σ̂²·[(ZᵀZ)⁻¹]ⱼⱼ with σ̂² = SSres/(n−k−1) on the z-scored data.
            var unit = new double[k];
            unit[j] = 1;
            var inverseJj = Solve(a, unit)[j];
            var se = Math.Sqrt(ssRes / (n - k - 1) * inverseJj);
            ((double)coefficient.StandardError).ShouldBe(se, 1e-9);
            ((double)coefficient.T!.Value).ShouldBe(beta[j] / se, 1e-6);
            // Pratt: β times the complete-case r (zᵀz/(n−1)) over R².
            var r = Enumerable.Range(0, n).Sum(t => zx[j][t] * zy[t]) / (n - 1);
            ((double)coefficient.PrattShare!.Value).ShouldBe(beta[j] * r / rSquared, 1e-9);
        }
    }

    [Fact]
    public void Merging_accumulators_equals_one_accumulator_fed_everything()
    {
        var answers = Generated(1200, seed: 5);
        var whole = Fed(answers).Analyse();

        var parts = answers.Chunk(500).Select(chunk => Fed(chunk)).ToList();
        var merged = new DriverAccumulator(Criteria);
        foreach (var part in parts) merged.MergeFrom(part);

        merged.Answers.ShouldBe(1200);
        JsonSerializer.Serialize(merged.Analyse()).ShouldBe(JsonSerializer.Serialize(whole));
        Should.Throw<ArgumentException>(() => merged.MergeFrom(new DriverAccumulator(["speed", "courtesy"])));
        Should.Throw<ArgumentException>(() => merged.MergeFrom(new DriverAccumulator(Criteria.Reverse())));
    }

    [Fact]
    public void Perfectly_collinear_criteria_give_no_regression_with_the_reason_but_keep_their_correlations()
    {
        // "reversed" is 6 − speed: the same information, so the criteria's correlation matrix is singular.
        var answers = Generated(300, seed: 9).Where(a => a.Scores.GetValueOrDefault("speed") is not null)
            .Select(a => a with { Scores = new Dictionary<string, int?>(a.Scores) { ["reversed"] = 6 - a.Scores["speed"] } }).ToList();
        var analysis = Fed(answers, ["speed", "courtesy", "reversed"]).Analyse();

        analysis.Model.ShouldBeNull();
        analysis.ModelUnavailableReason.ShouldNotBeNull();
        analysis.ModelUnavailableReason.ShouldContain("collinear");
        analysis.ModelUnavailableReason.ShouldContain("'reversed'");
        analysis.Criteria.ShouldAllBe(c => c.Regression == null);
        var speed = analysis.Criteria[0].Correlation!.R;
        analysis.Criteria[2].Correlation!.R.ShouldBe(-speed, 1e-12m);
        analysis.ImportanceMeasure.ShouldBe(ImportanceMeasure.AbsoluteCorrelation);
        analysis.Criteria[0].Importance.ShouldBe(Math.Abs(speed));
        analysis.Priority.Measure.ShouldBe(ImportanceMeasure.AbsoluteCorrelation);
        analysis.Priority.Placements.Count.ShouldBe(3);
    }

    [Fact]
    public void A_constant_criterion_has_no_correlation_and_stops_the_regression()
    {
        var answers = Generated(300, seed: 11).Select(a => a with { Scores = new Dictionary<string, int?>(a.Scores) { ["comfort"] = 4 } });
        var analysis = Fed(answers).Analyse();

        var comfort = analysis.Criteria.Single(c => c.Criterion == "comfort");
        comfort.Correlation.ShouldBeNull();
        comfort.Importance.ShouldBeNull();
        comfort.Rank.ShouldBeNull();
        comfort.Mean.ShouldBe(4m);
        analysis.Model.ShouldBeNull();
        analysis.ModelUnavailableReason!.ShouldContain("'comfort' does not vary");
        analysis.Criteria.Single(c => c.Criterion == "speed").Correlation.ShouldNotBeNull();
        analysis.Priority.Placements.Select(p => p.Criterion).ShouldNotContain("comfort");
    }

    [Fact]
    public void Too_few_complete_answers_give_no_regression()
    {
        var acc = new DriverAccumulator(["a", "b"]);
        acc.Add(5, new Dictionary<string, int?> { ["a"] = 5, ["b"] = 4 });
        acc.Add(3, new Dictionary<string, int?> { ["a"] = 2, ["b"] = 3 });
        acc.Add(4, new Dictionary<string, int?> { ["a"] = 4, ["b"] = 5 });
        acc.Add(2, new Dictionary<string, int?> { ["a"] = 1 }); // b not asked: not a complete answer
        acc.Add(null, new Dictionary<string, int?> { ["a"] = 3, ["b"] = 3 }); // overall hard to answer
        var analysis = acc.Analyse();

        acc.CompleteAnswers.ShouldBe(3);
        analysis.Model.ShouldBeNull();
        analysis.ModelUnavailableReason!.ShouldContain("needs at least 4");
        analysis.Criteria[0].N.ShouldBe(4);
        analysis.Criteria[1].N.ShouldBe(3);
        analysis.Criteria[0].Correlation!.Interval.ShouldNotBeNull(); // N = 4 > 3
        analysis.Criteria[1].Correlation!.Interval.ShouldBeNull(); // N = 3: Fisher's z needs N > 3
        analysis.Overall.HardToAnswer.ShouldBe(1);
    }

    [Fact]
    public void An_overall_score_equal_to_a_criterion_fits_exactly()
    {
        var acc = new DriverAccumulator(["a", "b"]);
        int[] a = [1, 2, 3, 4, 5, 3, 2], b = [2, 2, 4, 3, 5, 1, 3];
        for (var i = 0; i < a.Length; i++) acc.Add(a[i], new Dictionary<string, int?> { ["a"] = a[i], ["b"] = b[i] });
        var analysis = acc.Analyse();

        analysis.Model!.RSquared.ShouldBe(1m);
        analysis.Criteria[0].Regression!.Beta.ShouldBe(1m, 1e-12m);
        analysis.Criteria[1].Regression!.Beta.ShouldBe(0m, 1e-12m);
        analysis.Criteria[0].Regression!.PValue.ShouldBeNull(); // no residual to test against
        analysis.Criteria[0].Rank.ShouldBe(1);
    }

    [Fact]
    public void Hostile_input_is_refused_and_a_refused_answer_is_not_counted()
    {
        Should.Throw<ArgumentException>(() => new DriverAccumulator([]));
        Should.Throw<ArgumentException>(() => new DriverAccumulator(["a", "a"]));
        Should.Throw<ArgumentException>(() => new DriverAccumulator(["a", " "]));
        var acc = new DriverAccumulator(["a", "b"]);
        Should.Throw<ArgumentOutOfRangeException>(() => acc.Add(6, new Dictionary<string, int?> { ["a"] = 3 }));
        var bad = Should.Throw<ArgumentOutOfRangeException>(() => acc.Add(3, new Dictionary<string, int?> { ["a"] = 3, ["b"] = 0 }));
        bad.Message.ShouldContain("'b'");
        acc.Answers.ShouldBe(0);
        acc.Analyse().Criteria[0].Scores.N.ShouldBe(0);
        // A code outside the analysis is ignored, not an error: an analysis may look at part of an instrument.
        acc.Add(3, new Dictionary<string, int?> { ["a"] = 3, ["b"] = 2, ["other"] = 99 });
        acc.CompleteAnswers.ShouldBe(1);
    }

    [Fact]
    public void A_million_answers_stream_through_without_allocating_per_answer()
    {
        var acc = new DriverAccumulator(Criteria);
        var scores = Criteria.ToDictionary(c => c, _ => (int?)null);
        var random = new Random(1);
        Fed([], Criteria).Add(1, scores); // warm up the code paths before measuring
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            var driver = random.Next(1, 6);
            scores["speed"] = driver;
            scores["courtesy"] = random.Next(1, 6);
            scores["clarity"] = random.Next(0, 6) is var s && s == 0 ? null : s;
            scores["comfort"] = random.Next(1, 6);
            acc.Add(random.Next(10) == 0 ? null : driver, scores);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBeLessThan(64 * 1024);
        acc.Answers.ShouldBe(1_000_000);
        var analysis = acc.Analyse();
        analysis.Criteria[0].Correlation!.R.ShouldBe(1m); // the overall score is speed whenever given
        analysis.Criteria[0].Rank.ShouldBe(1);
    }

    private static double Pearson(IReadOnlyList<(double X, double Y)> pairs)
    {
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my)), sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx)), syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Gaussian elimination with partial pivoting: solves A·x = b (A is copied).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var p = 0; p < n; p++)
        {
            var max = Enumerable.Range(p, n - p).MaxBy(r => Math.Abs(m[r, p]));
            for (var c = 0; c < n; c++) (m[p, c], m[max, c]) = (m[max, c], m[p, c]);
            (v[p], v[max]) = (v[max], v[p]);
            for (var r = p + 1; r < n; r++)
            {
                var f = m[r, p] / m[p, p];
                for (var c = p; c < n; c++) m[r, c] -= f * m[p, c];
                v[r] -= f * v[p];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
            x[r] = (v[r] - Enumerable.Range(r + 1, n - r - 1).Sum(c => m[r, c] * x[c])) / m[r, r];
        return x;
    }
}

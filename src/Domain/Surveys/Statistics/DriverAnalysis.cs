using BigInteger = System.Numerics.BigInteger;
using MathNet.Numerics.LinearAlgebra;

namespace Monitoring.Domain.Surveys.Statistics;

/// <summary>How a criterion's importance is measured in <see cref="DriverAnalysis"/>.</summary>
public enum ImportanceMeasure
{
    /// <summary>Pratt's measure β·r / R²: the criterion's share of the explained variance (shares sum to 1).</summary>
    PrattShare,
    /// <summary>|r| of the criterion with the overall score: the fallback when there is no regression (or R² = 0).</summary>
    AbsoluteCorrelation,
}

/// <summary>
/// Pearson's r of a criterion with the overall score over the answers that gave both. Interval: 95 % by Fisher's z
/// (tanh(atanh r ± z(0.975)/√(N−3))), null when N ≤ 3. P-value: two-sided t-test of r = 0 with t = r·√((N−2)/(1−r²)),
/// N − 2 degrees of freedom, null when N ≤ 2.
/// </summary>
public sealed record Correlation(decimal R, ConfidenceInterval? Interval, decimal? PValue);

/// <summary>
/// A criterion's standardised coefficient (β) in the OLS regression of the overall score on all the analysis's
/// criteria (complete answers), its standard error √((1−R²)/(N−k−1)·(R⁻¹)ⱼⱼ) with R the criteria's correlation matrix,
/// t = β/SE (the same t as the unstandardised coefficient's), the two-sided p-value with N−k−1 degrees of freedom, and
/// Pratt's share β·r/R² (r over the same complete answers), null when R² = 0. T and PValue are null when the model fits
/// exactly (R² = 1: no residual to test against).
/// </summary>
public sealed record RegressionCoefficient(decimal Beta, decimal StandardError, decimal? T, decimal? PValue, decimal? PrattShare);

/// <summary>
/// The regression model of a driver analysis: complete answers N, R², and adjusted R² = 1 − (1−R²)(N−1)/(N−k−1).
/// </summary>
public sealed record DriverModel(long N, int Predictors, decimal RSquared, decimal AdjustedRSquared);

/// <summary>
/// One criterion in a driver analysis. <paramref name="N"/>: answers that scored both it and the overall question
/// (its correlation's sample). <paramref name="Scores"/>: every answer that was asked it (its satisfaction's sample,
/// "hard to answer" included in N but not in the mean); <paramref name="Mean"/> its mean score (null without raters).
/// <paramref name="Correlation"/>: null when N &lt; 2 or either score does not vary among those answers.
/// <paramref name="Regression"/>: null when the analysis has no model. <paramref name="Importance"/>: by the analysis's
/// <see cref="DriverAnalysis.ImportanceMeasure"/>; <paramref name="Rank"/>: 1 = most important, equal importance shares
/// a rank (1, 2, 2, 4); both null when the criterion has no importance (no correlation).
/// </summary>
public sealed record CriterionDriver(
    string Criterion, long N, ScoreDistribution Scores, decimal? Mean,
    Correlation? Correlation, RegressionCoefficient? Regression, decimal? Importance, int? Rank);

/// <summary>
/// Key-driver analysis: which criteria move overall satisfaction. For each criterion, its correlation with the overall
/// score (pairwise: all answers giving both) and its standardised coefficient in the regression of the overall score
/// on all criteria (listwise: the answers that gave every score, so all coefficients describe one sample). Relative
/// importance is Pratt's measure (Pratt 1987; Thomas, Hughes and Zumbo 1998), which splits R² among the criteria and,
/// unlike raw betas, stays interpretable when the criteria are correlated, as satisfaction criteria always are.
/// <para>
/// The regression (<see cref="Model"/> and each <see cref="CriterionDriver.Regression"/>) is null, with
/// <see cref="ModelUnavailableReason"/> saying why, when there are no more complete answers than k + 1, when the overall
/// score or a criterion does not vary among them, or when criteria are perfectly collinear (the correlation matrix is
/// singular: checked exactly on the integer sums, not by a floating tolerance). The correlations still come back, and
/// importance then falls back to |r|.
/// </para>
/// </summary>
public sealed record DriverAnalysis(
    long Answers,
    ScoreDistribution Overall,
    IReadOnlyList<CriterionDriver> Criteria,
    DriverModel? Model,
    string? ModelUnavailableReason,
    ImportanceMeasure ImportanceMeasure,
    PriorityMatrix Priority)
{
    internal static DriverAnalysis From(DriverAccumulator acc)
    {
        var k = acc.Criteria.Count;
        var correlations = Enumerable.Range(0, k).Select(j => PairwiseCorrelation(acc.PairwiseSums(j))).ToArray();
        var (model, coefficients, reason) = Regress(acc);

        var measure = coefficients is not null && coefficients.All(c => c.PrattShare is not null)
            ? ImportanceMeasure.PrattShare
            : ImportanceMeasure.AbsoluteCorrelation;
        var importance = Enumerable.Range(0, k).Select(j => measure == ImportanceMeasure.PrattShare
            ? coefficients![j].PrattShare
            : correlations[j] is { } r ? Math.Abs(r.R) : (decimal?)null).ToArray();
        var ranks = Ranks(importance);

        var criteria = Enumerable.Range(0, k).Select(j =>
        {
            var scores = acc.CriterionDistribution(j);
            decimal? mean = scores.Raters == 0 ? null : (decimal)scores.ScoreSum / scores.Raters;
            return new CriterionDriver(acc.Criteria[j], acc.PairwiseSums(j).N, scores, mean,
                correlations[j], coefficients?[j], importance[j], ranks[j]);
        }).ToArray();

        return new DriverAnalysis(acc.Answers, acc.OverallDistribution, criteria, model, reason, measure,
            PriorityMatrix.Of(criteria, measure));
    }

    private static Correlation? PairwiseCorrelation(DriverAccumulator.Pairwise s)
    {
        if (s.N < 2 || s.Cxx == 0 || s.Cyy == 0) return null;
        var perfect = (BigInteger)s.Cxy * s.Cxy == (BigInteger)s.Cxx * s.Cyy; // |r| = 1 exactly
        double r = perfect ? Math.Sign((double)s.Cxy) : Math.Clamp((double)s.Cxy / (Math.Sqrt((double)s.Cxx) * Math.Sqrt((double)s.Cyy)), -1, 1);
        ConfidenceInterval? interval = null;
        if (s.N > 3)
        {
            if (perfect) interval = new ConfidenceInterval((decimal)r, (decimal)r); // atanh(±1) is infinite: every answer lies on one line
            else
            {
                double z = Math.Atanh(r), half = Inference.Z / Math.Sqrt(s.N - 3);
                interval = new ConfidenceInterval(Inference.Dec(Math.Tanh(z - half)), Inference.Dec(Math.Tanh(z + half)));
            }
        }
        decimal? p = s.N <= 2 ? null
            : perfect ? 0m
            : Inference.P(Inference.TwoSidedT(r * Math.Sqrt((s.N - 2) / (1 - r * r)), s.N - 2));
        return new Correlation(Inference.Dec(r), interval, p);
    }

    private static (DriverModel?, RegressionCoefficient[]?, string?) Regress(DriverAccumulator acc)
    {
        int k = acc.Criteria.Count;
        long n = acc.CompleteAnswers;
        if (n <= k + 1)
            return (null, null, $"{n} answers scored the overall question and all {k} criteria; a regression on {k} criteria needs at least {k + 2}");
        if (acc.ListwiseCentred(0, 0) == 0)
            return (null, null, $"the overall score does not vary among the {n} answers that scored everything");

        // Variable 0 is the overall score, 1..k the criteria; C = n²·covariance, exact integers.
        var constant = Enumerable.Range(1, k).Where(j => acc.ListwiseCentred(j, j) == 0).Select(j => acc.Criteria[j - 1]).ToList();
        if (constant.Count > 0)
            return (null, null, $"{Quoted(constant)} {(constant.Count == 1 ? "does" : "do")} not vary among the {n} answers that scored everything");
        var dependent = DependentCriteria(acc, k);
        if (dependent.Count > 0)
            return (null, null, $"the criteria are perfectly collinear among the {n} answers that scored everything: " +
                                $"{Quoted(dependent)} {(dependent.Count == 1 ? "is a linear combination" : "are linear combinations")} of the criteria listed before");

        var sd = Enumerable.Range(0, k + 1).Select(a => Math.Sqrt((double)acc.ListwiseCentred(a, a))).ToArray();
        double R(int a, int b) => Math.Clamp((double)acc.ListwiseCentred(a, b) / (sd[a] * sd[b]), -1, 1);
        var rxx = Matrix<double>.Build.Dense(k, k, (i, j) => i == j ? 1 : R(i + 1, j + 1));
        var rxy = Vector<double>.Build.Dense(k, i => R(i + 1, 0));
        var inverse = rxx.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        var beta = inverse * rxy;

        // R² = 1 exactly when the overall score is itself a linear combination of the criteria (the full matrix is singular).
        var exactFit = !IsNonSingular(acc, Enumerable.Range(0, k + 1).ToList());
        var rSquared = exactFit ? 1 : Math.Clamp(beta.DotProduct(rxy), 0, 1);
        var noSignal = Enumerable.Range(1, k).All(j => acc.ListwiseCentred(0, j) == 0); // every r = 0 exactly, so R² = 0
        if (noSignal) rSquared = 0;
        double residualDf = n - k - 1;
        var coefficients = Enumerable.Range(0, k).Select(j =>
        {
            var se = Math.Sqrt(Math.Max(0, (1 - rSquared) / residualDf * inverse[j, j]));
            decimal? t = exactFit ? null : Inference.Dec(beta[j] / se);
            decimal? p = exactFit ? null : Inference.P(Inference.TwoSidedT(beta[j] / se, residualDf));
            decimal? pratt = noSignal ? null : Inference.Dec(beta[j] * rxy[j] / rSquared);
            return new RegressionCoefficient(Inference.Dec(beta[j]), Inference.Dec(se), t, p, pratt);
        }).ToArray();
        var adjusted = 1 - (1 - rSquared) * (n - 1) / residualDf;
        return (new DriverModel(n, k, Inference.Dec(rSquared), Inference.Dec(adjusted)), coefficients, null);
    }

    /// <summary>
    /// The criteria that are exact linear combinations of the ones before them (in the analysis's order), found on the
    /// exact integer covariance matrix: a criterion is dependent when adding it to the independent ones so far makes
    /// their covariance (Gram) matrix singular. Exact, so a tolerance can neither hide nor invent collinearity.
    /// </summary>
    private static List<string> DependentCriteria(DriverAccumulator acc, int k)
    {
        var independent = new List<int>();
        var dependent = new List<string>();
        for (var j = 1; j <= k; j++)
        {
            if (IsNonSingular(acc, [.. independent, j])) independent.Add(j);
            else dependent.Add(acc.Criteria[j - 1]);
        }
        return dependent;
    }

    /// <summary>Whether the covariance matrix of the given variables is non-singular: Bareiss elimination in exact integers.</summary>
    private static bool IsNonSingular(DriverAccumulator acc, IReadOnlyList<int> variables)
    {
        var m = variables.Count;
        var a = new BigInteger[m, m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                a[i, j] = (BigInteger)acc.ListwiseCentred(variables[i], variables[j]);
        BigInteger previous = 1;
        for (var p = 0; p < m; p++)
        {
            if (a[p, p].IsZero)
            {
                var swap = Enumerable.Range(p + 1, m - p - 1).FirstOrDefault(r => !a[r, p].IsZero, -1);
                if (swap < 0) return false;
                for (var c = 0; c < m; c++) (a[p, c], a[swap, c]) = (a[swap, c], a[p, c]);
            }
            for (var i = p + 1; i < m; i++)
            {
                for (var j = p + 1; j < m; j++)
                    a[i, j] = (a[i, j] * a[p, p] - a[i, p] * a[p, j]) / previous; // exact division (Bareiss)
                a[i, p] = 0;
            }
            previous = a[p, p];
        }
        return true;
    }

    /// <summary>Standard competition ranks by importance, largest first (1, 2, 2, 4); null importance gets no rank.</summary>
    private static int?[] Ranks(decimal?[] importance) =>
        importance.Select(v => v is { } x ? 1 + importance.Count(o => o > x) : (int?)null).ToArray();

    private static string Quoted(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => $"'{c}'"));
}

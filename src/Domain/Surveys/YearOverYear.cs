namespace Monitoring.Domain.Surveys;

/// <summary>
/// Change of a figure against the previous period: points for the mean, a share difference for the satisfaction share
/// (exact), each with its presentation (the mean's two decimals; percentage points with one). Refused (no values) when
/// the scale differs — a 10-point result is never silently compared with a 5-point one — and flagged, not comparable,
/// for every other difference that changes what the figure means: kind of survey, methodology, ranking rule,
/// questionnaire (instrument, criteria or questions asked), service set, small-sample threshold. Each change says
/// whether it is significant at the two campaigns' sizes (<see cref="Significant"/>; a published distribution is taken
/// as the simple random sample it summarises).
/// </summary>
public sealed record YearOverYear(decimal? MeanChange, decimal? SatisfactionShareChange, bool Comparable, IReadOnlyList<string> Caveats,
    Statistics.Difference? MeanDifference = null, Statistics.Difference? SatisfactionDifference = null)
{
    /// <summary>Whether the change is more than sampling noise at the two campaigns' sizes (Welch t for the mean, two-proportion z for the share, 5 %).</summary>
    public bool? Significant => MeanDifference is null && SatisfactionDifference is null
        ? null
        : MeanDifference?.Significant == true || SatisfactionDifference?.Significant == true;

    public decimal? MeanChangeRounded => MeanChange is { } m ? Presentation.Round(m, 2) : null;

    /// <summary>The satisfaction change in percentage points, rounded for presentation.</summary>
    public decimal? SatisfactionChangePoints => SatisfactionShareChange is { } s ? Presentation.Percent(s) : null;

    /// <summary>What a campaign's figures mean: everything a comparison must find equal.</summary>
    public sealed record Basis(int Scale, string Methodology, IReadOnlySet<string> Services, SurveyKind Kind = SurveyKind.NationalPublicMonitoring,
        RankingRule RankingRule = RankingRule.ByTopBoxShare, string Instrument = "KZ-NATIONAL", IReadOnlySet<string>? Criteria = null,
        IReadOnlySet<Question>? Questions = null, int SmallSampleThreshold = SatisfactionFigures.DefaultSmallSampleThreshold);

    public static YearOverYear Compare(SatisfactionFigures current, Basis currentBasis, SatisfactionFigures previous, Basis previousBasis)
    {
        var (now, then) = (currentBasis, previousBasis);
        var caveats = new List<string>();
        void Changed<T>(string what, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after)) caveats.Add($"{what} changed ({before} → {after})");
        }
        void SetChanged<T>(string what, IReadOnlySet<T>? before, IReadOnlySet<T>? after)
        {
            if (before is null || after is null || before.SetEquals(after)) return;
            caveats.Add($"{what} changed (+{after.Except(before).Count()}, −{before.Except(after).Count()})");
        }
        if (now.Scale != then.Scale) caveats.Add($"scale changed ({then.Scale}-point → {now.Scale}-point)");
        Changed("kind of survey", then.Kind, now.Kind);
        Changed("methodology", then.Methodology, now.Methodology);
        Changed("ranking rule", then.RankingRule, now.RankingRule);
        Changed("instrument", then.Instrument, now.Instrument);
        SetChanged("criteria asked", then.Criteria, now.Criteria);
        SetChanged("questions asked", then.Questions, now.Questions);
        SetChanged("service set", then.Services, now.Services);
        Changed("small-sample threshold", then.SmallSampleThreshold, now.SmallSampleThreshold);
        if (now.Scale != then.Scale)
            return new YearOverYear(null, null, false, caveats);
        return new YearOverYear(current.Mean - previous.Mean, current.SatisfactionShare - previous.SatisfactionShare, caveats.Count == 0, caveats,
            Statistics.Difference.OfMeans(current.Distribution, previous.Distribution),
            Statistics.Difference.OfSatisfactionShares(current.Distribution, previous.Distribution));
    }
}

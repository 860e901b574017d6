namespace Monitoring.Domain.Surveys;

/// <summary>
/// Индекс социальной озабоченности (the 2017 national report, Table 104): the mean of five shares — dissatisfied (1–2
/// overall), distrust (1–2 on the trust criterion), complained, made informal payments, used personal connections. Each
/// share is of those asked its question; a share nobody was asked is null, and so is the index (a mean of four is not the index).
/// </summary>
public sealed record SocialConcernIndex(
    decimal? DissatisfiedShare, decimal? DistrustShare, decimal? ComplaintShare, decimal? InformalPaymentShare, decimal? ConnectionsShare,
    SocialConcernIntervals? Intervals = null)
{
    private IEnumerable<decimal?> Components => [DissatisfiedShare, DistrustShare, ComplaintShare, InformalPaymentShare, ConnectionsShare];

    /// <summary>The index as a share (0..1), unrounded; null when a component was not asked.</summary>
    public decimal? Share => Components.All(c => c is not null) ? Components.Sum()!.Value / 5m : null;

    /// <summary>The index as a percentage rounded for presentation.</summary>
    public decimal? Percent => Share is { } s ? Presentation.Percent(s) : null;

    /// <summary>The components nobody was asked (why the index is null).</summary>
    public IReadOnlyList<string> NotAsked =>
    [
        .. new[] { ("dissatisfied", DissatisfiedShare), ("distrust", DistrustShare), ("complaint", ComplaintShare),
            ("informalPayment", InformalPaymentShare), ("connections", ConnectionsShare) }.Where(c => c.Item2 is null).Select(c => c.Item1),
    ];

    /// <param name="overall">Overall score distribution.</param>
    /// <param name="trust">Trust criterion distribution (null when the instrument has no trust criterion).</param>
    public static SocialConcernIndex Of(ScoreDistribution overall, ScoreDistribution? trust, long complained, long askedComplaint,
        long paidInformally, long askedInformal, long usedConnections, long askedConnections)
    {
        return new SocialConcernIndex(AskedShare.Of(overall.Negative, overall.Raters),
            trust is null ? null : AskedShare.Of(trust.Negative, trust.Raters), AskedShare.Of(complained, askedComplaint),
            AskedShare.Of(paidInformally, askedInformal), AskedShare.Of(usedConnections, askedConnections),
            new SocialConcernIntervals(AskedShare.Interval(overall.Negative, overall.Raters),
                trust is null ? null : AskedShare.Interval(trust.Negative, trust.Raters), AskedShare.Interval(complained, askedComplaint),
                AskedShare.Interval(paidInformally, askedInformal), AskedShare.Interval(usedConnections, askedConnections)));
    }
}

/// <summary>The 95 % Wilson intervals of the index's five shares (null where nobody was asked).</summary>
public sealed record SocialConcernIntervals(
    Statistics.ConfidenceInterval? DissatisfiedShare, Statistics.ConfidenceInterval? DistrustShare, Statistics.ConfidenceInterval? ComplaintShare,
    Statistics.ConfidenceInterval? InformalPaymentShare, Statistics.ConfidenceInterval? ConnectionsShare);

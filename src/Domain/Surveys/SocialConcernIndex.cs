namespace Monitoring.Domain.Surveys;

/// <summary>
/// Индекс социальной озабоченности (2017 report, Table 104): the mean of five percentages — dissatisfied (1–2 overall),
/// distrust (1–2 on the trust criterion), complained, made informal payments, used personal connections.
/// </summary>
public sealed record SocialConcernIndex(
    decimal DissatisfiedShare, decimal DistrustShare, decimal ComplaintShare, decimal InformalPaymentShare, decimal ConnectionsShare)
{
    public decimal Value => (DissatisfiedShare + DistrustShare + ComplaintShare + InformalPaymentShare + ConnectionsShare) / 5m;

    /// <param name="overall">Overall score distribution.</param>
    /// <param name="trust">Trust criterion distribution.</param>
    /// <param name="respondents">Respondents asked the yes/no questions.</param>
    /// <param name="askedInformal">Those asked about informal payments, when not every respondent was.</param>
    /// <param name="askedConnections">Those asked about personal connections, when not every respondent was.</param>
    public static SocialConcernIndex Of(ScoreDistribution overall, ScoreDistribution trust, long respondents,
        long complained, long paidInformally, long usedConnections, long? askedInformal = null, long? askedConnections = null)
    {
        decimal Share(long part, long of) => of == 0 ? 0m : (decimal)part / of;
        return new SocialConcernIndex(
            Share(overall.Negative, overall.Raters), Share(trust.Negative, trust.Raters), Share(complained, respondents),
            Share(paidInformally, askedInformal ?? respondents), Share(usedConnections, askedConnections ?? respondents));
    }
}

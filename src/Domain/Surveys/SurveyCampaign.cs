namespace Monitoring.Domain.Surveys;

/// <summary>Write-side state of a survey campaign and the rules every response is checked against.</summary>
public sealed record SurveyCampaign(
    string Code, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology, int SmallSampleThreshold,
    IReadOnlyList<Criterion> Criteria, IReadOnlyList<string> Services) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string code) => $"campaign:{code}";

    public string Id => StreamKey(Code);

    private HashSet<string>? _serviceSet;
    private HashSet<string> ServiceSet => _serviceSet ??= [.. Services];

    /// <summary>The date whose passport applies to the campaign's answers: the period's last day.</summary>
    public DateOnly PassportDate => PassportDateOf(Period);

    /// <summary>The date whose passport applies to the answers of a period: its last day.</summary>
    public static DateOnly PassportDateOf(int period) => new(period, 12, 31);

    public static SurveyCampaign? Evolve(SurveyCampaign? state, object @event) => @event switch
    {
        SurveyCampaignOpened e => new SurveyCampaign(e.Code, e.Period, e.Kind, e.Scale, e.RankingRule, e.Methodology,
            e.SmallSampleThreshold, e.Criteria, e.Services),
        _ => state,
    };

    public static SurveyCampaignOpened Open(SurveyCampaign? existing, SurveyCampaignOpened opened)
    {
        if (existing is not null) throw new InvalidTransition($"Campaign '{opened.Code}' is already open");
        if (opened.Scale is not (5 or 10)) throw new DomainRuleViolation("scale", "must be 5 or 10");
        return opened;
    }

    /// <summary>
    /// Checks one response against the campaign and the service passport valid in the period.
    /// Returns every problem as (field, reason); an empty list means the response may be recorded.
    /// </summary>
    public IReadOnlyList<(string Field, string Reason)> Check(SurveyResponseRecorded r, ServicePassport? passport)
    {
        var problems = new List<(string, string)>();
        if (Scale != 5)
            problems.Add(("campaignCode", $"campaign '{Code}' uses a {Scale}-point scale: only aggregated distributions can be imported for it"));
        if (!ServiceSet.Contains(r.ServiceCode))
            problems.Add(("serviceCode", $"service '{r.ServiceCode}' is not covered by campaign '{Code}'"));
        if (passport is null)
            problems.Add(("serviceCode", $"service '{r.ServiceCode}' has no passport valid in {Period}"));
        else
        {
            if (r.BodyCode != passport.BodyCode && r.UnitCode is null)
                problems.Add(("bodyCode", $"service '{r.ServiceCode}' is provided by '{passport.BodyCode}', not '{r.BodyCode}'"));
            foreach (var channel in r.Channels.Where(c => !passport.Channels.Contains(c)))
                problems.Add(("channels", $"channel {channel} is not allowed for service '{r.ServiceCode}'"));
            if (!passport.Paid && r.CriterionScores.ContainsKey(Criterion.FeeProportionality))
                problems.Add(("criterionScores.FeeProportionality", $"service '{r.ServiceCode}' is free: no fee score"));
        }
        if (r.Channels.Count == 0) problems.Add(("channels", "must name at least one channel"));
        if (!Regions.IsKnown(r.RegionCode)) problems.Add(("regionCode", $"'{r.RegionCode}' is not a known region code (e.g. KZ-KAR)"));
        if (string.IsNullOrWhiteSpace(r.ResponseId) || r.ResponseId.Length > 100) problems.Add(("responseId", "must be 1–100 characters"));
        if (r.Overall is { } overall && (overall < 1 || overall > Scale))
            problems.Add(("overall", $"must be 1..{Scale} or null (hard to answer)"));
        foreach (var (criterion, score) in r.CriterionScores)
        {
            if (!Criteria.Contains(criterion))
                problems.Add(($"criterionScores.{criterion}", $"criterion {criterion} is not asked in campaign '{Code}'"));
            if (score is { } s && (s < 1 || s > Scale))
                problems.Add(($"criterionScores.{criterion}", $"must be 1..{Scale} or null (hard to answer)"));
            if (!r.MetStaff && Surveys.Criteria.Staff.Contains(criterion))
                problems.Add(($"criterionScores.{criterion}", "staff criteria are asked only when the respondent dealt with staff"));
        }
        if (r.Complaint == ComplaintMade.No && r.SatisfiedWithComplaintOutcome is not null)
            problems.Add(("satisfiedWithComplaintOutcome", "only when a complaint was made"));
        if (r.UsedConnections != true && r.ConnectionsInitiatedBy is not null)
            problems.Add(("connectionsInitiatedBy", "only when personal connections were used"));
        if (r.MinutesQueuedToSubmit is < 0 or > 24 * 60) problems.Add(("minutesQueuedToSubmit", "must be 0..1440"));
        if (r.MinutesQueuedToCollect is < 0 or > 24 * 60) problems.Add(("minutesQueuedToCollect", "must be 0..1440"));
        return problems;
    }
}

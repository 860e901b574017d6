namespace Monitoring.Domain.Surveys;

/// <summary>Write-side state of a survey campaign and the rules every response is checked against.</summary>
public sealed record SurveyCampaign(
    string Code, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology, int SmallSampleThreshold,
    IReadOnlyList<string> Criteria, IReadOnlyList<string> Services, SurveyInstrument Instrument, IReadOnlyList<Question> Questions) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string code) => $"campaign:{code}";

    public string Id => StreamKey(Code);

    private HashSet<string>? _serviceSet;
    private HashSet<string> ServiceSet => _serviceSet ??= [.. Services];
    private Dictionary<string, CriterionDefinition>? _asked;

    /// <summary>The criteria this campaign asks, by code.</summary>
    private Dictionary<string, CriterionDefinition> Asked =>
        _asked ??= Criteria.Select(Instrument.Criterion).OfType<CriterionDefinition>().ToDictionary(c => c.Code);

    public bool Asks(Question question) => Questions.Contains(question);

    private Dictionary<string, string>? _codes;

    /// <summary>
    /// A criterion named as a client spelled it, as the instrument spells it: codes are matched ignoring case (JSON clients
    /// camelCase "Trust" as "trust"); a name that matches none is kept, and refused by <see cref="Check"/>.
    /// </summary>
    public string CriterionCode(string name) =>
        (_codes ??= Instrument.Criteria.ToDictionary(c => c.Code, c => c.Code, StringComparer.OrdinalIgnoreCase)).GetValueOrDefault(name, name);

    /// <summary>
    /// Criterion scores with their codes as the instrument spells them. Scores that name one criterion twice ("Trust" and
    /// "trust") are left as sent, so that the check refuses the second spelling rather than one silently winning.
    /// </summary>
    public IReadOnlyDictionary<string, int?> Canonical(IReadOnlyDictionary<string, int?> scores)
    {
        if (scores.Keys.All(k => CriterionCode(k) == k)) return scores;
        var canonical = new Dictionary<string, int?>(scores.Count);
        foreach (var (name, score) in scores)
            if (!canonical.TryAdd(CriterionCode(name), score)) return scores;
        return canonical;
    }

    /// <summary>The date whose passport applies to the campaign's answers: the period's last day.</summary>
    public DateOnly PassportDate => PassportDateOf(Period);

    /// <summary>The date whose passport applies to the answers of a period: its last day.</summary>
    public static DateOnly PassportDateOf(int period) => new(period, 12, 31);

    public static SurveyCampaign? Evolve(SurveyCampaign? state, object @event) => @event switch
    {
        SurveyCampaignOpened e => new SurveyCampaign(e.Code, e.Period, e.Kind, e.Scale, e.RankingRule, e.Methodology,
            e.SmallSampleThreshold, e.Criteria, e.Services, e.AskedInstrument, e.AskedQuestions),
        _ => state,
    };

    public static SurveyCampaignOpened Open(SurveyCampaign? existing, SurveyCampaignOpened opened)
    {
        if (existing is not null) throw new InvalidTransition($"Campaign '{opened.Code}' is already open");
        if (opened.Scale is not (5 or 10)) throw new DomainRuleViolation("scale", "must be 5 or 10");
        var instrument = opened.AskedInstrument;
        var problems = new List<(string, string)>();
        for (var i = 0; i < opened.Criteria.Count; i++)
            if (instrument.Criterion(opened.Criteria[i]) is null)
                problems.Add(($"criteria[{i}]", $"'{Quote.Shorten(opened.Criteria[i])}' is not a criterion of instrument '{instrument.Code}' " +
                                                $"({string.Join(", ", instrument.Codes)})"));
        foreach (var q in opened.AskedQuestions.Where(q => !instrument.Questions.Contains(q)))
            problems.Add(("questions", $"{q} is not a question of instrument '{instrument.Code}'"));
        if (problems.Count > 0) throw new DomainRuleViolation(problems);
        return opened;
    }

    /// <summary>
    /// Checks one response against the campaign and the service passport valid in the period.
    /// Returns every problem as (field, reason); an empty list means the response may be recorded.
    /// </summary>
    /// <param name="isTerritory">Whether a code is a territory registered in the catalogue.</param>
    public IReadOnlyList<(string Field, string Reason)> Check(SurveyResponseRecorded r, ServicePassport? passport, Func<string, bool> isTerritory)
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
        }
        if (r.Channels.Count == 0) problems.Add(("channels", "must name at least one channel"));
        if (r.RegionCode is null || !isTerritory(r.RegionCode)) problems.Add(("regionCode", $"'{r.RegionCode}' is not a registered territory code"));
        if (string.IsNullOrWhiteSpace(r.ResponseId) || r.ResponseId.Length > 100) problems.Add(("responseId", "must be 1–100 characters"));
        if (r.Overall is { } overall && (overall < 1 || overall > Scale))
            problems.Add(("overall", $"must be 1..{Scale} or null (hard to answer)"));
        foreach (var (code, score) in r.CriterionScores)
        {
            var field = $"criterionScores.{Quote.Shorten(code)}";
            if (!Asked.TryGetValue(code, out var criterion))
            {
                problems.Add((field, $"criterion '{Quote.Shorten(code)}' is not asked in campaign '{Code}' (asked: {string.Join(", ", Criteria)})"));
                continue;
            }
            if (score is { } s && (s < 1 || s > Scale))
                problems.Add((field, $"must be 1..{Scale} or null (hard to answer)"));
            if (criterion.AskedWhen == AskedWhen.MetStaff && !r.MetStaff)
                problems.Add((field, "staff criteria are asked only when the respondent dealt with staff"));
            if (criterion.AskedWhen == AskedWhen.PaidService && passport is { Paid: false })
                problems.Add((field, $"service '{r.ServiceCode}' is free: no fee score"));
        }
        foreach (var (question, field, given) in Unasked)
            if (given(r)) problems.Add((field, $"not asked in campaign '{Code}' (its questionnaire does not ask {question})"));
        if (r.Complaint is null or ComplaintMade.No && r.SatisfiedWithComplaintOutcome is not null)
            problems.Add(("satisfiedWithComplaintOutcome", "only when a complaint was made"));
        if (r.UsedConnections != true && r.ConnectionsInitiatedBy is not null)
            problems.Add(("connectionsInitiatedBy", "only when personal connections were used"));
        if (r.MinutesQueuedToSubmit is < 0 or > 24 * 60) problems.Add(("minutesQueuedToSubmit", "must be 0..1440"));
        if (r.MinutesQueuedToCollect is < 0 or > 24 * 60) problems.Add(("minutesQueuedToCollect", "must be 0..1440"));
        if (r.Comment is { } comment && Comments.Problem(comment) is { } why) problems.Add(("comment", why));
        return problems;
    }

    /// <summary>The optional questions, the answer's field of each (as the API names it) and whether an answer answers it.</summary>
    private static readonly (Question Question, string Field, Func<SurveyResponseRecorded, bool> Given)[] Optional =
    [
        (Question.MetStaff, "metStaff", r => r.MetStaff), (Question.Complaint, "complaint", r => r.Complaint is not null),
        (Question.ComplaintOutcome, "satisfiedWithComplaintOutcome", r => r.SatisfiedWithComplaintOutcome is not null),
        (Question.InformalPayment, "informalPayment", r => r.InformalPayment is not null),
        (Question.Connections, "usedConnections", r => r.UsedConnections is not null),
        (Question.ExtraDocuments, "extraDocumentsDemanded", r => r.ExtraDocumentsDemanded is not null),
        (Question.QueueToSubmit, "minutesQueuedToSubmit", r => r.MinutesQueuedToSubmit is not null),
        (Question.QueueToCollect, "minutesQueuedToCollect", r => r.MinutesQueuedToCollect is not null),
        (Question.AvailableOnline, "availableOnline", r => r.AvailableOnline is not null),
        (Question.Gender, "gender", r => r.Gender is not null), (Question.AgeBand, "ageBand", r => r.AgeBand is not null),
        (Question.Comment, "comment", r => r.Comment is not null),
    ];

    // The optional questions this campaign does not ask (none, for the national questionnaire): checked on every answer.
    private (Question Question, string Field, Func<SurveyResponseRecorded, bool> Given)[]? _unasked;
    private (Question Question, string Field, Func<SurveyResponseRecorded, bool> Given)[] Unasked =>
        _unasked ??= Optional.Where(o => !Asks(o.Question)).ToArray();
}

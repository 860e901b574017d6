using Monitoring.Domain.Surveys.Statistics;

namespace Monitoring.Projections.Surveys;

/// <summary>
/// Answers to the optional questions among those asked each (null where nobody was asked): shares exact, with their
/// percentages rounded for presentation; mean queue minutes exact and rounded to one decimal.
/// </summary>
public sealed record ResponseShares(decimal? ComplaintShare, decimal? ComplaintOutcomeSatisfiedShare, decimal? InformalPaymentShare,
    decimal? ConnectionsShare, decimal? ExtraDocumentsShare, decimal? MeanMinutesQueuedToSubmit, decimal? MeanMinutesQueuedToCollect,
    ResponseIntervals Intervals)
{
    public decimal? ComplaintPercent => Presentation.PercentOf(ComplaintShare);
    public decimal? ComplaintOutcomeSatisfiedPercent => Presentation.PercentOf(ComplaintOutcomeSatisfiedShare);
    public decimal? InformalPaymentPercent => Presentation.PercentOf(InformalPaymentShare);
    public decimal? ConnectionsPercent => Presentation.PercentOf(ConnectionsShare);
    public decimal? ExtraDocumentsPercent => Presentation.PercentOf(ExtraDocumentsShare);
    public decimal? MeanMinutesQueuedToSubmitRounded => MeanMinutesQueuedToSubmit is { } m ? Presentation.Round(m, 1) : null;
    public decimal? MeanMinutesQueuedToCollectRounded => MeanMinutesQueuedToCollect is { } m ? Presentation.Round(m, 1) : null;
}

/// <summary>The 95 % intervals of <see cref="ResponseShares"/>: Wilson for the shares, t for the mean minutes (null where nobody was asked).</summary>
public sealed record ResponseIntervals(ConfidenceInterval? ComplaintShare, ConfidenceInterval? ComplaintOutcomeSatisfiedShare,
    ConfidenceInterval? InformalPaymentShare, ConfidenceInterval? ConnectionsShare, ConfidenceInterval? ExtraDocumentsShare,
    ConfidenceInterval? MeanMinutesQueuedToSubmit, ConfidenceInterval? MeanMinutesQueuedToCollect);

public sealed record RatingRow(string Key, string? Name, int? Rank, SatisfactionFigures Figures, ResponseShares Shares, long? LastSequence);

/// <summary>A rating view: the campaigns pooled (all of one kind, one scale and one ranking rule), its total and rows.</summary>
public sealed record RatingsView(
    IReadOnlyList<string> Campaigns, SurveyKind Kind, int? Period, string Dimension, RankingRule RankingRule, int SmallSampleThreshold,
    RatingRow Total, IReadOnlyList<RatingRow> Rows);

/// <summary>The city-survey score of a service as the Petropavlovsk 2019 city survey report gives it: criterion means summed against 5 × criteria.</summary>
public sealed record CriteriaSumRow(string Service, string? Name, IReadOnlyDictionary<string, decimal> CriterionMeans, decimal Sum,
    decimal Maximum, decimal Share, IReadOnlyDictionary<string, ConfidenceInterval?> CriterionMeanIntervals)
{
    public decimal Percent => Presentation.Percent(Share);
    public decimal SumRounded => Presentation.Round(Sum, 2);
}

/// <summary>Two rows of one view compared: the differences (first − second) with their 95 % intervals and whether each is significant.</summary>
public sealed record RatingDifference(string Dimension, RatingRow First, RatingRow Second, Difference? Mean,
    Difference? SatisfactionShare, Difference? PositiveShare);

public sealed record RatingChange(string Key, string? Name, RatingRow? Current, RatingRow? Previous, YearOverYear? Change);

public sealed record RatingChangesView(string Campaign, string PreviousCampaign, string Dimension, bool Comparable, IReadOnlyList<string> Caveats,
    IReadOnlyList<RatingChange> Rows);

/// <summary>The social-concern index of one row of a view (a body, a region, a service, or the total "").</summary>
public sealed record SocialConcernRow(string Key, string? Name, long Respondents, SocialConcernIndex Index, bool SmallSample)
{
    public decimal? Share => Index.Share;
    public decimal? Percent => Index.Percent;
}

public sealed record SocialConcernView(IReadOnlyList<string> Campaigns, string Dimension, string? TrustCriterion, SocialConcernRow Total,
    IReadOnlyList<SocialConcernRow> Rows);

/// <summary>Which campaigns a view pools: one campaign, several listed (comma-separated), or those of a period (of one kind).</summary>
public sealed record CampaignScope(string? Campaign, int? Period, SurveyKind? Kind = null)
{
    public static async Task<SurveyCampaignView> CampaignAsync(IQuerySession session, string code, CancellationToken ct) =>
        await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(code), ct) ?? throw new NotFound("Survey campaign", code);

    /// <summary>
    /// The campaigns a view pools. Campaigns of different kinds (a national monitoring, a city survey, a review site) are pooled
    /// only when listed by name; campaigns on different scales or ranked by different rules are never pooled.
    /// </summary>
    public async Task<List<SurveyCampaignView>> CampaignsAsync(IQuerySession session, CancellationToken ct)
    {
        List<SurveyCampaignView> list;
        if (Campaign is not null)
        {
            var codes = Campaign.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            if (codes.Length is 0 or > 50) throw new DomainRuleViolation("campaign", "must name 1..50 campaigns, separated by commas");
            if (Period is not null || Kind is not null)
                throw new DomainRuleViolation("campaign", "name campaigns, or a period (and kind), not both");
            list = [];
            foreach (var code in codes) list.Add(await CampaignAsync(session, code, ct));
        }
        else
        {
            if (Period is null) throw new DomainRuleViolation("campaign", "name a campaign or a period");
            var query = session.Query<SurveyCampaignView>().Where(c => c.Period == Period);
            if (Kind is { } wanted) query = query.Where(c => c.Kind == wanted);
            list = [.. await query.OrderBy(c => c.Code).ToListAsync(ct)];
            if (list.Count == 0) throw new NotFound("Survey campaigns of period", $"{Period}{(Kind is null ? "" : $" ({Kind})")}");
            var kinds = list.Select(c => c.Kind).Distinct().ToList();
            if (kinds.Count > 1)
                throw new DomainRuleViolation("kind", $"period {Period} has campaigns of several kinds ({string.Join(", ", kinds)}): " +
                                                      "name one with kind=, or list the campaigns to pool with campaign=A,B");
        }
        Refuse(list, c => c.Scale, "scales", "a 10-point result is never pooled with a 5-point one");
        Refuse(list, c => c.RankingRule, "ranking rules", "a ranking needs one rule");
        return list;
    }

    private static void Refuse<T>(List<SurveyCampaignView> campaigns, Func<SurveyCampaignView, T> of, string what, string why)
    {
        if (campaigns.Select(of).Distinct().Count() > 1)
            throw new DomainRuleViolation("campaign", $"the campaigns have different {what} ({string.Join(", ", campaigns.Select(c => $"{c.Code}: {of(c)}"))}): {why}");
    }
}

/// <summary>
/// The standard rating views (from the pooled aggregates: one indexed read, figures computed by the domain's
/// formulas) and ad-hoc slices (GROUP BY over the flat fact table).
/// </summary>
public sealed class SurveyRatingsQueries(ReadModelDatabase db, IQuerySession session)
{
    /// <summary>Ratings of every key of a dimension for one campaign, or pooled over several of the same kind.</summary>
    public async Task<RatingsView> RatingsAsync(CampaignScope scope, Dimension dimension, CancellationToken ct) =>
        Ratings(await RatingInputsAsync(scope, dimension, ct));

    /// <summary>What a rating view is computed from, read in three round trips (campaigns; rows and total; names).</summary>
    public async Task<RatingInputs> RatingInputsAsync(CampaignScope scope, Dimension dimension, CancellationToken ct) =>
        await RatingInputsOfAsync(await CampaignsAsync(scope, ct), scope.Period, dimension, ct);

    private async Task<RatingInputs> RatingInputsOfAsync(List<SurveyCampaignView> campaigns, int? period, Dimension dimension, CancellationToken ct)
    {
        var codes = campaigns.Select(c => c.Code).ToArray();
        // The view's rows and its total in one round trip: this is the query every dashboard asks first.
        var both = await AggregatesAsync(codes, [dimension, Dimension.Total], ct);
        var rows = both[dimension];
        var names = await NamesAsync(dimension, rows.Select(r => r.Key), ct);
        return new RatingInputs(campaigns, period, dimension, rows, both[Dimension.Total].FirstOrDefault() ?? Aggregate.Empty, names);
    }

    /// <summary>
    /// What a rating view is computed from: the campaigns (each at its version), the pooled rows and total of the view, and
    /// the names of its keys. <see cref="Digest"/> names all of it, so two equal digests give the same view, and a view
    /// computed once can be served again until anything it is computed from changes.
    /// </summary>
    public sealed class RatingInputs
    {
        internal RatingInputs(List<SurveyCampaignView> campaigns, int? period, Dimension dimension, List<Aggregate> rows, Aggregate total,
            Dictionary<GroupKey, string> names)
        {
            (Campaigns, Period, Dimension, Rows, Total, Names) = (campaigns, period, dimension, rows, total, names);
            _digest = new Lazy<string>(ComputeDigest);
        }

        private readonly Lazy<string> _digest;

        // Computed only when asked (the API's answer cache): the pages and the difference of two rows need the view alone.
        private string ComputeDigest()
        {
            var text = new System.Text.StringBuilder().Append(Period).Append('/').Append(Dimension.Name);
            foreach (var c in Campaigns) text.Append('/').Append(c.Code).Append('@').Append(c.Version);
            foreach (var row in Rows.Append(Total))
            {
                text.Append('\n').Append(SurveySchema.KeyText(row.Key)).Append(':').Append(row.LastSeq).Append(':').Append(Names.GetValueOrDefault(row.Key));
                foreach (var p in PooledCounts.All) text.Append(',').Append(row.Counts[p]);
            }
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        }

        internal List<SurveyCampaignView> Campaigns { get; }
        internal int? Period { get; }
        internal Dimension Dimension { get; }
        internal List<Aggregate> Rows { get; }
        internal Aggregate Total { get; }
        internal Dictionary<GroupKey, string> Names { get; }

        /// <summary>A SHA-256 of everything the view is computed from.</summary>
        public string Digest => _digest.Value;
    }

    /// <summary>The rating view computed from its inputs (no I/O).</summary>
    public static RatingsView Ratings(RatingInputs inputs)
    {
        var (campaigns, rows, names) = (inputs.Campaigns, inputs.Rows, inputs.Names);
        var first = campaigns[0];
        // Pooled campaigns share a rule (checked when chosen); the strictest small-sample threshold holds for all.
        var threshold = campaigns.Max(c => c.SmallSampleThreshold);
        var figures = rows.Select(r => (r.Key, Figures: SatisfactionFigures.Of(r.Distribution, threshold))).ToList();
        var ranks = Ranking.Rank(figures, first.RankingRule).ToDictionary(r => r.Key, r => r.Position);
        var list = rows.Select(r => Row(r, names.GetValueOrDefault(r.Key), ranks.TryGetValue(r.Key, out var p) ? p : null, threshold))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new RatingsView(campaigns.Select(c => c.Code).ToList(), first.Kind, inputs.Period ?? first.Period, inputs.Dimension.Name,
            first.RankingRule, threshold, Row(inputs.Total, "Итого", null, threshold), list);
    }

    private async Task<RatingsView> RatingsOfAsync(List<SurveyCampaignView> campaigns, int? period, Dimension dimension, CancellationToken ct) =>
        Ratings(await RatingInputsOfAsync(campaigns, period, dimension, ct));

    /// <summary>Whether two rows of a view (two bodies, regions, services…) differ beyond sampling noise at the campaign's size.</summary>
    public async Task<RatingDifference> DifferenceAsync(CampaignScope scope, Dimension dimension, string key, string other, CancellationToken ct)
    {
        var view = await RatingsAsync(scope, dimension, ct);
        RatingRow Row(string k, string field) => view.Rows.FirstOrDefault(r => r.Key == k)
            ?? throw new DomainRuleViolation(field, $"'{k}' is not a row of the {dimension.Name} view of {string.Join(", ", view.Campaigns)}");
        var (a, b) = (Row(key, "key"), Row(other, "other"));
        var (da, db) = (a.Figures.Distribution, b.Figures.Distribution);
        return new RatingDifference(dimension.Name, a, b, Difference.OfMeans(da, db),
            Difference.OfSatisfactionShares(da, db), Difference.OfPositiveShares(da, db));
    }

    /// <summary>Year-over-year change of each key between two campaigns, refused across scales and flagged for every other difference.</summary>
    public async Task<RatingChangesView> ChangesAsync(string campaign, string previous, Dimension dimension, CancellationToken ct)
    {
        var a = await CampaignAsync(campaign, ct);
        var b = await CampaignAsync(previous, ct);
        var current = await RatingsOfAsync([a], null, dimension, ct);
        var before = await RatingsOfAsync([b], null, dimension, ct);
        var basisA = Basis(a);
        var basisB = Basis(b);
        var overall = YearOverYear.Compare(current.Total.Figures, basisA, before.Total.Figures, basisB);
        var keys = current.Rows.Select(r => r.Key).Union(before.Rows.Select(r => r.Key)).ToList();
        var rows = keys.Select(k =>
        {
            var now = current.Rows.FirstOrDefault(r => r.Key == k);
            var then = before.Rows.FirstOrDefault(r => r.Key == k);
            var change = now is not null && then is not null && now.Figures.Raters > 0 && then.Figures.Raters > 0
                ? YearOverYear.Compare(now.Figures, basisA, then.Figures, basisB)
                : null;
            return new RatingChange(k, now?.Name ?? then?.Name, now, then, change);
        }).OrderBy(r => r.Current?.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new RatingChangesView(campaign, previous, dimension.Name, overall.Comparable, overall.Caveats, rows);
    }

    private static YearOverYear.Basis Basis(SurveyCampaignView c) =>
        new(c.Scale, c.Methodology, c.Services.ToHashSet(), c.Kind, c.RankingRule, c.AskedInstrument.Code, c.Criteria.ToHashSet(),
            // Asking for a comment changes no figure, so it is no caveat.
            c.AskedQuestions.Where(q => q != Question.Comment).ToHashSet(), c.SmallSampleThreshold);

    /// <summary>
    /// The social-concern index per row of a view (total, service, body or region): its five shares among those asked each,
    /// the distrust share from the trust criterion of the campaigns' instrument.
    /// </summary>
    public async Task<SocialConcernView> SocialConcernAsync(CampaignScope scope, Dimension dimension, CancellationToken ct)
    {
        if (dimension.Axes.Count > 1 || dimension.Axes.Any(a => a is Axis.Channel or Axis.Criterion))
            throw new DomainRuleViolation("by", "must be one of total, service, body, region");
        var campaigns = await CampaignsAsync(scope, ct);
        var trusts = campaigns.Select(c => c.AskedInstrument.TrustCriterion).Distinct().ToList();
        if (trusts.Count > 1)
            throw new DomainRuleViolation("campaign", $"the campaigns name different trust criteria ({string.Join(", ", trusts)}): pool campaigns of one instrument");
        var trust = trusts[0];
        var codes = campaigns.Select(c => c.Code).ToArray();
        var threshold = campaigns.Max(c => c.SmallSampleThreshold);
        var byCriterion = dimension.Axes is [var axis] ? Dimension.All.Single(d => d.Axes.SequenceEqual([axis, Axis.Criterion])) : Dimension.Criterion;

        var rows = await AggregatesAsync(codes, dimension, ct);
        var trustRows = trust is null ? [] : (await AggregatesAsync(codes, byCriterion, ct))
            .Where(r => (dimension.Axes.Count == 0 ? r.Key.First : r.Key.Second) == trust)
            .ToDictionary(r => dimension.Axes.Count == 0 ? "" : r.Key.First, r => r.Distribution);
        var names = await NamesAsync(dimension, rows.Select(r => r.Key), ct);
        SocialConcernRow RowOf(Aggregate a, string? name)
        {
            var c = a.Counts;
            var key = SurveySchema.KeyText(a.Key);
            var index = SocialConcernIndex.Of(a.Distribution, trust is null ? null : trustRows.GetValueOrDefault(key, ScoreDistribution.Empty),
                c[Pooled.Complained], c[Pooled.ComplaintAsked], c[Pooled.InformalYes], c[Pooled.InformalAsked], c[Pooled.ConnectionsYes],
                c[Pooled.ConnectionsAsked]);
            return new SocialConcernRow(key, name, c[Pooled.Respondents], index, c[Pooled.Respondents] < threshold);
        }
        var list = rows.Select(r => RowOf(r, names.GetValueOrDefault(r.Key)))
            .OrderByDescending(r => r.Share ?? -1).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var total = dimension.Axes.Count == 0 ? list.FirstOrDefault() ?? RowOf(Aggregate.Empty, null) : RowOf(
            (await AggregatesAsync(codes, Dimension.Total, ct)).FirstOrDefault() ?? Aggregate.Empty, "Итого");
        return new SocialConcernView(codes, dimension.Name, trust, total, dimension.Axes.Count == 0 ? [] : list);
    }

    public sealed record SliceFilter(string? Campaign, int? Period, string? Service, string? Body, string? Region, string? Channel,
        string? Gender, string? AgeBand, string? Source, string? Criterion, DateTimeOffset? AsOf = null)
    {
        internal (SliceBy By, object? Value)[] Values =>
        [
            (SliceBy.Campaign, Campaign), (SliceBy.Period, Period), (SliceBy.Service, Service), (SliceBy.Body, Body), (SliceBy.Region, Region),
            (SliceBy.Channel, Channel), (SliceBy.Gender, Gender), (SliceBy.AgeBand, AgeBand), (SliceBy.Source, Source),
        ];

        /// <summary>
        /// The filter's conditions on a fact table: each value given, and as known at <see cref="AsOf"/> (only facts of events
        /// recorded by then: both fact tables carry the event's sequence).
        /// </summary>
        internal IEnumerable<string> Conditions(string schema, SqlArguments args)
        {
            foreach (var (by, value) in Values)
                if (value is not null) yield return $"{by.Column.Name} = {args.Add(value)}";
            if (AsOf is { } asOf) yield return $"seq <= {EventCutOff.Sql(schema, args.Add(asOf))}";
        }
    }

    public sealed record SliceRow(IReadOnlyDictionary<string, string?> Group, SatisfactionFigures Figures);

    /// <summary>
    /// Ad-hoc slice: filters and groups the flat fact table by any of <see cref="SliceBy.All"/> (or one criterion's
    /// answers). Rows count only in the views they belong to: a published channel split is counted when grouping by
    /// channel, never in service totals.
    /// </summary>
    public async Task<IReadOnlyList<SliceRow>> SliceAsync(SliceFilter filter, IReadOnlyList<SliceBy> groupBy, int smallSampleThreshold, CancellationToken ct)
    {
        var filters = filter.Values.Where(f => f.Value is not null).ToList();
        var criterion = filter.Criterion;
        if (criterion is not null)
        {
            if (!CriterionCodes.IsWellFormed(criterion)) throw new DomainRuleViolation("criterion", $"must be a criterion code: {CriterionCodes.Rule}");
            var responseOnly = groupBy.Concat(filters.Select(f => f.By)).Where(g => g.AnswersOnly).Select(g => g.Name).ToList();
            if (responseOnly.Count > 0)
                throw new DomainRuleViolation("groupBy", $"criterion slices cannot use {string.Join(", ", responseOnly)} (published criterion distributions do not carry them)");
        }

        string[] scopes = ["all", groupBy.Contains(SliceBy.Channel) || filter.Channel is not null ? "channel"
            : groupBy.Contains(SliceBy.Region) || filter.Region is not null ? "region"
            : criterion is null ? "overall" : "criterion"];

        var args = new SqlArguments();
        List<string> where = [$"scope = any({args.Add(scopes)})", .. filter.Conditions(db.Schema, args)];

        var groupSelect = string.Concat(groupBy.Select(g => $"{g.Column.Name}::text, "));
        var counts = string.Join(", ", SurveySchema.CountNames);
        var source = $"select {groupSelect}{counts} from {db.Schema}.{SurveySchema.Facts} where {string.Join(" and ", where)}";
        if (criterion is not null)
        {
            // Answers carry their criterion scores in one jsonb object (0 = hard to answer); published splits are rows of their own.
            var c = $"({SurveySchema.Scores} ->> {args.Add(criterion)})::int";
            source = $"""
                select {groupSelect}({c} = 1)::int as n1, ({c} = 2)::int as n2, ({c} = 3)::int as n3, ({c} = 4)::int as n4, ({c} = 5)::int as n5, ({c} = 0)::int as hard
                from {db.Schema}.{SurveySchema.Facts} where {c} is not null and {string.Join(" and ", where)}
                union all
                select {groupSelect}{counts} from {db.Schema}.{SurveySchema.CriterionFacts}
                where criterion = {args.Add(criterion)} and {string.Join(" and ", where)}
                """;
        }
        var outer = string.Concat(groupBy.Select((_, i) => $"g{i}, "));
        var rows = await Sql.Command(db.DataSource, $"""
            select {outer}{string.Join(", ", SurveySchema.CountNames.Select(n => $"sum({n})"))}
            from ({source}) as x({outer}{counts})
            {(groupBy.Count == 0 ? "" : $"group by {outer.TrimEnd(' ', ',')} order by {outer.TrimEnd(' ', ',')}")}
            """, args.Values).ListAsync(reader => (Group: groupBy.Select((g, i) => (g.Name, reader.Text(i))).ToDictionary(),
            Counts: Distribution(reader, groupBy.Count)), ct);
        return rows.Where(r => r.Counts.N > 0).Select(r => new SliceRow(r.Group, SatisfactionFigures.Of(r.Counts, smallSampleThreshold))).ToList();
    }

    /// <summary>The city variant of the Petropavlovsk 2019 city survey report: per service, the mean of each criterion asked, summed against the maximum.</summary>
    public async Task<IReadOnlyList<CriteriaSumRow>> CriteriaSumAsync(string campaign, CancellationToken ct)
    {
        var view = await CampaignAsync(campaign, ct);
        var instrument = view.AskedInstrument;
        var counted = view.Criteria.Where(c => instrument.Criterion(c) is { CountsTowardSum: true }).ToHashSet();
        var rows = await AggregatesAsync([campaign], Dimension.ServiceCriterion, ct);
        var order = instrument.Codes.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i);
        var byService = rows
            .Select(r => (Service: r.Key.First, Criterion: r.Key.Second!, SatisfactionFigures.Of(r.Distribution, 0).Mean, r.Distribution))
            .Where(r => r.Mean is not null && counted.Contains(r.Criterion))
            .GroupBy(r => r.Service);
        var names = await NamesAsync(Dimension.Service, byService.Select(g => new GroupKey(g.Key)), ct);
        return byService.Select(g =>
        {
            // In the questionnaire's order, as the report's table lists them.
            var criteria = g.OrderBy(x => order.GetValueOrDefault(x.Criterion, int.MaxValue)).ToList();
            var means = criteria.ToDictionary(x => x.Criterion, x => x.Mean!.Value);
            var (sum, max, share) = CityVariants.CriteriaSum(means.Values.ToList(), SurveyInstrument.Scale);
            return new CriteriaSumRow(g.Key, names.GetValueOrDefault(new GroupKey(g.Key)), means, sum, max, share,
                criteria.ToDictionary(x => x.Criterion, x => ConfidenceInterval.ForMean(x.Distribution)));
        }).OrderByDescending(r => r.Share).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
    }

    private static long Long(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i));

    /// <summary>The score counts read in the order of <see cref="SurveySchema.CountNames"/>, from column <paramref name="at"/> on.</summary>
    private static ScoreDistribution Distribution(NpgsqlDataReader reader, int at) =>
        new(Long(reader, at), Long(reader, at + 1), Long(reader, at + 2), Long(reader, at + 3), Long(reader, at + 4), Long(reader, at + 5));

    private Task<SurveyCampaignView> CampaignAsync(string code, CancellationToken ct) => CampaignScope.CampaignAsync(session, code, ct);

    private Task<List<SurveyCampaignView>> CampaignsAsync(CampaignScope scope, CancellationToken ct) => scope.CampaignsAsync(session, ct);

    internal sealed record Aggregate(GroupKey Key, PooledCounts Counts, long? LastSeq)
    {
        public static readonly Aggregate Empty = new(GroupKey.Total, new PooledCounts(), null);
        public ScoreDistribution Distribution => Counts.Distribution;
    }

    private async Task<List<Aggregate>> AggregatesAsync(string[] campaigns, Dimension dimension, CancellationToken ct) =>
        (await AggregatesAsync(campaigns, [dimension], ct))[dimension];

    /// <summary>The pooled rows of several views of the campaigns, read together.</summary>
    private async Task<Dictionary<Dimension, List<Aggregate>>> AggregatesAsync(string[] campaigns, Dimension[] dimensions, CancellationToken ct)
    {
        var last = 2 + PooledCounts.All.Length;
        var rows = await Sql.Command(db.DataSource, $"""
            select dimension, key, {string.Join(", ", PooledCounts.Columns.Select(c => $"sum({c})"))}, max(last_seq)
            from {db.Schema}.{SurveySchema.Aggregates} where campaign = any($1) and dimension = any($2) group by dimension, key
            """, campaigns, dimensions.Select(d => d.Name).Distinct().ToArray()).ListAsync(reader =>
        {
            var counts = new PooledCounts();
            foreach (var p in PooledCounts.All) counts[p] = Long(reader, 2 + (int)p);
            return (Dimension: reader.GetString(0),
                Row: new Aggregate(SurveySchema.KeyOf(reader.GetString(1)), counts, reader.IsDBNull(last) ? null : reader.GetInt64(last)));
        }, ct);
        return dimensions.Distinct().ToDictionary(d => d, d => rows.Where(r => r.Dimension == d.Name).Select(r => r.Row).ToList());
    }

    private static RatingRow Row(Aggregate a, string? name, int? rank, int threshold)
    {
        var c = a.Counts;
        decimal? Share(Pooled yes, Pooled asked) => AskedShare.Of(c[yes], c[asked]);
        decimal? Mean(Pooled sum, Pooled count) => c[count] == 0 ? null : (decimal)c[sum] / c[count];
        ConfidenceInterval? Interval(Pooled yes, Pooled asked) => AskedShare.Interval(c[yes], c[asked]);
        var shares = new ResponseShares(Share(Pooled.Complained, Pooled.ComplaintAsked), Share(Pooled.ComplaintSatisfied, Pooled.ComplaintOutcomeAsked),
            Share(Pooled.InformalYes, Pooled.InformalAsked), Share(Pooled.ConnectionsYes, Pooled.ConnectionsAsked),
            Share(Pooled.ExtraDocsYes, Pooled.ExtraDocsAsked), Mean(Pooled.QueueSubmitSum, Pooled.QueueSubmitCount),
            Mean(Pooled.QueueCollectSum, Pooled.QueueCollectCount),
            new ResponseIntervals(Interval(Pooled.Complained, Pooled.ComplaintAsked), Interval(Pooled.ComplaintSatisfied, Pooled.ComplaintOutcomeAsked),
                Interval(Pooled.InformalYes, Pooled.InformalAsked), Interval(Pooled.ConnectionsYes, Pooled.ConnectionsAsked),
                Interval(Pooled.ExtraDocsYes, Pooled.ExtraDocsAsked),
                ConfidenceInterval.ForMean(c[Pooled.QueueSubmitCount], c[Pooled.QueueSubmitSum], c[Pooled.QueueSubmitSquares]),
                ConfidenceInterval.ForMean(c[Pooled.QueueCollectCount], c[Pooled.QueueCollectSum], c[Pooled.QueueCollectSquares])));
        return new RatingRow(SurveySchema.KeyText(a.Key), name, rank, SatisfactionFigures.Of(a.Distribution, threshold), shares, a.LastSeq);
    }

    /// <summary>Names of the rows of a view, from its first axis (a service, body or region; channels and criteria have none).</summary>
    private async Task<Dictionary<GroupKey, string>> NamesAsync(Dimension dimension, IEnumerable<GroupKey> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        var codes = list.Select(k => k.First).Distinct();
        IReadOnlyDictionary<string, string> names = dimension.Axes is not [var first, ..] ? new Dictionary<string, string>() : first switch
        {
            Axis.Service => await NamesOfAsync<CatalogueService>(codes.Select(PublicService.StreamKey).ToArray(), ct),
            Axis.Body => await NamesOfAsync<CatalogueBody>(codes.Select(StateBody.StreamKey).ToArray(), ct),
            Axis.Region => (await session.LoadManyAsync<CatalogueTerritory>(ct, codes.Select(Territory.StreamKey).ToArray()))
                .ToDictionary(s => s.Code, s => s.NameRu),
            _ => new Dictionary<string, string>(),
        };
        return list.Where(k => names.ContainsKey(k.First)).ToDictionary(k => k, k => names[k.First]);
    }

    /// <summary>Only the code and the name of each entry (not its whole history of names and passports).</summary>
    private async Task<Dictionary<string, string>> NamesOfAsync<T>(string[] ids, CancellationToken ct) where T : CatalogueEntry =>
        (await session.Query<T>().Where(e => e.Id.IsOneOf(ids)).Select(e => new CodeAndName(e.Code, e.NameRu)).ToListAsync(ct))
        .ToDictionary(e => e.Code, e => e.NameRu);

    private sealed record CodeAndName(string Code, string NameRu);
}

/// <summary>A fact column ad-hoc slices group and filter by, under its name in the API (<c>groupBy=ageBand</c>).</summary>
public sealed class SliceBy
{
    public static readonly SliceBy Campaign = new("campaign", SurveySchema.Campaign), Period = new("period", SurveySchema.Period),
        Service = new("service", SurveySchema.Service), Body = new("body", SurveySchema.Body), Unit = new("unit", SurveySchema.Unit, true),
        Region = new("region", SurveySchema.Region), Channel = new("channel", SurveySchema.Channels), Gender = new("gender", SurveySchema.Gender, true),
        AgeBand = new("ageBand", SurveySchema.AgeBand, true), Source = new("source", SurveySchema.SourceKind, true),
        Complaint = new("complaint", SurveySchema.Complaint, true);

    /// <summary>Every grouping, in the order errors list them.</summary>
    public static readonly IReadOnlyList<SliceBy> All = [Campaign, Period, Service, Body, Unit, Region, Channel, Gender, AgeBand, Source, Complaint];

    private SliceBy(string name, Column<FactRow> column, bool answersOnly = false) => (Name, Column, AnswersOnly) = (name, column, answersOnly);

    public string Name { get; }
    public Column<FactRow> Column { get; }
    /// <summary>Only answers say it (published criterion distributions do not), so criterion slices cannot use it.</summary>
    public bool AnswersOnly { get; }

    /// <summary>The API's <c>groupBy=region,gender</c>, read once at the edge (a grouping named twice is refused).</summary>
    public static IReadOnlyList<SliceBy> Parse(string? groupBy)
    {
        var list = (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => All.FirstOrDefault(s => s.Name == g)
                         ?? throw new DomainRuleViolation("groupBy", $"'{g}' is not one of {string.Join(", ", All.Select(s => s.Name))}"))
            .ToList();
        if (list.GroupBy(g => g).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new DomainRuleViolation("groupBy", $"'{twice.Key.Name}' is named twice");
        return list;
    }
}

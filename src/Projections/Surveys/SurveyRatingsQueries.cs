namespace Monitoring.Projections.Surveys;

/// <summary>Shares of respondents among those asked (null where nobody was asked).</summary>
public sealed record ResponseShares(decimal? Complaint, decimal? ComplaintOutcomeSatisfied, decimal? InformalPayment, decimal? Connections,
    decimal? ExtraDocuments, decimal? MeanMinutesQueuedToSubmit);

public sealed record RatingRow(string Key, string? Name, int? Rank, SatisfactionFigures Figures, ResponseShares Shares, long? LastSequence);

public sealed record RatingsView(
    IReadOnlyList<string> Campaigns, int? Period, string Dimension, RankingRule RankingRule, int SmallSampleThreshold,
    RatingRow Total, IReadOnlyList<RatingRow> Rows);

/// <summary>The city-survey score of a service as the Petropavlovsk 2019 city survey report gives it: criterion means summed against 5 × criteria.</summary>
public sealed record CriteriaSumRow(string Service, string? Name, IReadOnlyDictionary<string, decimal> CriterionMeans, decimal Sum,
    decimal Maximum, decimal Share);

public sealed record RatingChange(string Key, string? Name, RatingRow? Current, RatingRow? Previous, YearOverYear? Change);

public sealed record RatingChangesView(string Campaign, string PreviousCampaign, string Dimension, IReadOnlyList<string> Caveats,
    IReadOnlyList<RatingChange> Rows);

/// <summary>
/// The standard rating views (from the pooled aggregates: one indexed read, figures computed by the domain's
/// formulas) and ad-hoc slices (GROUP BY over the flat fact table).
/// </summary>
public sealed class SurveyRatingsQueries(ReadModelDatabase db, IQuerySession session)
{
    /// <summary>Ratings of every key of a dimension for one campaign, or pooled over the campaigns of a period.</summary>
    public async Task<RatingsView> RatingsAsync(string? campaign, int? period, Dimension dimension, CancellationToken ct) =>
        await RatingsOfAsync(await CampaignsAsync(campaign, period, ct), period, dimension, ct);

    private async Task<RatingsView> RatingsOfAsync(List<SurveyCampaignView> campaigns, int? period, Dimension dimension, CancellationToken ct)
    {
        var first = campaigns[0];
        var codes = campaigns.Select(c => c.Code).ToArray();

        var rows = await AggregatesAsync(codes, dimension, ct);
        var total = (await AggregatesAsync(codes, Dimension.Total, ct)).FirstOrDefault() ?? Aggregate.Empty;
        var names = await NamesAsync(dimension, rows.Select(r => r.Key), ct);

        var threshold = first.SmallSampleThreshold;
        var figures = rows.Select(r => (r.Key, Figures: SatisfactionFigures.Of(r.Distribution, threshold))).ToList();
        var ranks = Ranking.Rank(figures, first.RankingRule).ToDictionary(r => r.Key, r => r.Position);
        var list = rows.Select(r => Row(r, names.GetValueOrDefault(r.Key), ranks.TryGetValue(r.Key, out var p) ? p : null, threshold))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new RatingsView(codes, period ?? first.Period, dimension.Name, first.RankingRule, threshold,
            Row(total, "Итого", null, threshold), list);
    }

    /// <summary>Year-over-year change of each key between two campaigns, refused across scales and flagged across methods.</summary>
    public async Task<RatingChangesView> ChangesAsync(string campaign, string previous, Dimension dimension, CancellationToken ct)
    {
        var a = (await CampaignsAsync(campaign, null, ct))[0];
        var b = (await CampaignsAsync(previous, null, ct))[0];
        var current = await RatingsOfAsync([a], null, dimension, ct);
        var before = await RatingsOfAsync([b], null, dimension, ct);
        var basisA = new YearOverYear.Basis(a.Scale, a.Methodology, a.Services.ToHashSet());
        var basisB = new YearOverYear.Basis(b.Scale, b.Methodology, b.Services.ToHashSet());
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
        return new RatingChangesView(campaign, previous, dimension.Name, overall.Caveats, rows);
    }

    public sealed record SliceFilter(string? Campaign, int? Period, string? Service, string? Body, string? Region, string? Channel,
        string? Gender, string? AgeBand, string? Source, string? Criterion, DateTimeOffset? AsOf = null)
    {
        internal (SliceBy By, object? Value)[] Values =>
        [
            (SliceBy.Campaign, Campaign), (SliceBy.Period, Period), (SliceBy.Service, Service), (SliceBy.Body, Body), (SliceBy.Region, Region),
            (SliceBy.Channel, Channel), (SliceBy.Gender, Gender), (SliceBy.AgeBand, AgeBand), (SliceBy.Source, Source),
        ];
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
        Criterion? criterion = null;
        if (filter.Criterion is not null)
        {
            if (!Enum.TryParse<Criterion>(filter.Criterion, true, out var c))
                throw new DomainRuleViolation("criterion", $"must be one of {string.Join(", ", Enum.GetNames<Criterion>())}");
            criterion = c;
            var responseOnly = groupBy.Concat(filters.Select(f => f.By)).Where(g => g.AnswersOnly).Select(g => g.Name).ToList();
            if (responseOnly.Count > 0)
                throw new DomainRuleViolation("groupBy", $"criterion slices cannot use {string.Join(", ", responseOnly)} (published criterion distributions do not carry them)");
        }

        string[] scopes = ["all", groupBy.Contains(SliceBy.Channel) || filter.Channel is not null ? "channel"
            : groupBy.Contains(SliceBy.Region) || filter.Region is not null ? "region"
            : criterion is null ? "overall" : "criterion"];

        var args = new List<object>();
        string Arg(object value)
        {
            args.Add(value);
            return $"${args.Count}";
        }
        var where = new List<string> { $"scope = any({Arg(scopes)})" };
        where.AddRange(filters.Select(f => $"{f.By.Column.Name} = {Arg(f.Value!)}"));
        // As known at that moment: only facts of events recorded by then (both fact tables carry the event's sequence).
        if (filter.AsOf is { } asOf) where.Add($"seq <= {EventCutOff.Sql(db.Schema, Arg(asOf))}");

        var groupSelect = string.Concat(groupBy.Select(g => $"{g.Column.Name}::text, "));
        var counts = string.Join(", ", SurveySchema.CountNames);
        var source = $"select {groupSelect}{counts} from {db.Schema}.{SurveySchema.Facts} where {string.Join(" and ", where)}";
        if (criterion is not null)
        {
            // Answers carry their criterion scores as columns (0 = hard to answer); published splits are rows of their own.
            var c = SurveySchema.CriterionColumn(criterion.Value);
            source = $"""
                select {groupSelect}({c} = 1)::int as n1, ({c} = 2)::int as n2, ({c} = 3)::int as n3, ({c} = 4)::int as n4, ({c} = 5)::int as n5, ({c} = 0)::int as hard
                from {db.Schema}.{SurveySchema.Facts} where {c} is not null and {string.Join(" and ", where)}
                union all
                select {groupSelect}{counts} from {db.Schema}.{SurveySchema.CriterionFacts}
                where criterion = {Arg(criterion.Value.ToString())} and {string.Join(" and ", where)}
                """;
        }
        var outer = string.Concat(groupBy.Select((_, i) => $"g{i}, "));
        var rows = await Sql.Command(db.DataSource, $"""
            select {outer}{string.Join(", ", SurveySchema.CountNames.Select(n => $"sum({n})"))}
            from ({source}) as x({outer}{counts})
            {(groupBy.Count == 0 ? "" : $"group by {outer.TrimEnd(' ', ',')} order by {outer.TrimEnd(' ', ',')}")}
            """, [.. args]).ListAsync(reader => (Group: groupBy.Select((g, i) => (g.Name, reader.Text(i))).ToDictionary(),
            Counts: Distribution(reader, groupBy.Count)), ct);
        return rows.Where(r => r.Counts.N > 0).Select(r => new SliceRow(r.Group, SatisfactionFigures.Of(r.Counts, smallSampleThreshold))).ToList();
    }

    /// <summary>The city variant of the Petropavlovsk 2019 city survey report: per service, the mean of each criterion asked, summed against the maximum.</summary>
    public async Task<IReadOnlyList<CriteriaSumRow>> CriteriaSumAsync(string campaign, CancellationToken ct)
    {
        var view = (await CampaignsAsync(campaign, null, ct))[0];
        var rows = await AggregatesAsync([campaign], Dimension.ServiceCriterion, ct);
        var byService = rows
            .Select(r => (Service: r.Key.First, Criterion: r.Key.Second!, SatisfactionFigures.Of(r.Distribution, 0).Mean))
            .Where(r => r.Mean is not null)
            .GroupBy(r => r.Service);
        var names = await NamesAsync(Dimension.Service, byService.Select(g => new GroupKey(g.Key)), ct);
        return byService.Select(g =>
        {
            var means = g.OrderBy(x => x.Criterion, StringComparer.Ordinal).ToDictionary(x => x.Criterion, x => x.Mean!.Value);
            var (sum, max, share) = CityVariants.CriteriaSum(means.Values.ToList(), view.Scale);
            return new CriteriaSumRow(g.Key, names.GetValueOrDefault(new GroupKey(g.Key)), means, sum, max, share);
        }).OrderByDescending(r => r.Share).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
    }

    /// <summary>The social-concern index of a campaign from its respondents' answers (Table 104 of the 2017 report).</summary>
    public async Task<SocialConcernIndex?> SocialConcernAsync(string campaign, CancellationToken ct)
    {
        var total = (await AggregatesAsync([campaign], Dimension.Total, ct)).FirstOrDefault();
        var trust = (await AggregatesAsync([campaign], Dimension.Criterion, ct)).FirstOrDefault(a => a.Key.First == nameof(Criterion.Trust));
        if (total is null || total.Counts[Pooled.Respondents] == 0 || trust is null) return null;
        var c = total.Counts;
        return SocialConcernIndex.Of(total.Distribution, trust.Distribution, c[Pooled.Respondents], c[Pooled.Complained], c[Pooled.InformalYes],
            c[Pooled.ConnectionsYes], c[Pooled.InformalAsked], c[Pooled.ConnectionsAsked]);
    }

    private static long Long(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i));

    /// <summary>The score counts read in the order of <see cref="SurveySchema.CountNames"/>, from column <paramref name="at"/> on.</summary>
    private static ScoreDistribution Distribution(NpgsqlDataReader reader, int at) =>
        new(Long(reader, at), Long(reader, at + 1), Long(reader, at + 2), Long(reader, at + 3), Long(reader, at + 4), Long(reader, at + 5));

    private async Task<List<SurveyCampaignView>> CampaignsAsync(string? campaign, int? period, CancellationToken ct)
    {
        if (campaign is not null)
            return [await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(campaign), ct) ?? throw new NotFound("Survey campaign", campaign)];
        if (period is null) throw new DomainRuleViolation("campaign", "name a campaign or a period");
        var list = await session.Query<SurveyCampaignView>().Where(c => c.Period == period).OrderBy(c => c.Code).ToListAsync(ct);
        if (list.Count == 0) throw new NotFound("Survey campaigns of period", period.Value.ToString());
        return list.ToList();
    }

    private sealed record Aggregate(GroupKey Key, PooledCounts Counts, long? LastSeq)
    {
        public static readonly Aggregate Empty = new(GroupKey.Total, new PooledCounts(), null);
        public ScoreDistribution Distribution => Counts.Distribution;
    }

    private async Task<List<Aggregate>> AggregatesAsync(string[] campaigns, Dimension dimension, CancellationToken ct)
    {
        var last = 1 + PooledCounts.All.Length;
        return await Sql.Command(db.DataSource, $"""
            select key, {string.Join(", ", PooledCounts.Columns.Select(c => $"sum({c})"))}, max(last_seq)
            from {db.Schema}.{SurveySchema.Aggregates} where campaign = any($1) and dimension = $2 group by key
            """, campaigns, dimension.Name).ListAsync(reader =>
        {
            var counts = new PooledCounts();
            foreach (var p in PooledCounts.All) counts[p] = Long(reader, 1 + (int)p);
            return new Aggregate(SurveySchema.KeyOf(reader.GetString(0)), counts, reader.IsDBNull(last) ? null : reader.GetInt64(last));
        }, ct);
    }

    private static RatingRow Row(Aggregate a, string? name, int? rank, int threshold)
    {
        var c = a.Counts;
        decimal? Share(Pooled yes, Pooled asked) => c[asked] == 0 ? null : (decimal)c[yes] / c[asked];
        var shares = new ResponseShares(Share(Pooled.Complained, Pooled.Respondents), Share(Pooled.ComplaintSatisfied, Pooled.Complained),
            Share(Pooled.InformalYes, Pooled.InformalAsked), Share(Pooled.ConnectionsYes, Pooled.ConnectionsAsked),
            Share(Pooled.ExtraDocsYes, Pooled.ExtraDocsAsked), Share(Pooled.QueueSubmitSum, Pooled.QueueSubmitCount));
        return new RatingRow(SurveySchema.KeyText(a.Key), name, rank, SatisfactionFigures.Of(a.Distribution, threshold), shares, a.LastSeq);
    }

    /// <summary>Names of the rows of a view, from its first axis (a service, body or region; channels and criteria have none).</summary>
    private async Task<Dictionary<GroupKey, string>> NamesAsync(Dimension dimension, IEnumerable<GroupKey> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        var codes = list.Select(k => k.First).Distinct();
        IReadOnlyDictionary<string, string> names = dimension.Axes is not [var first, ..] ? new Dictionary<string, string>() : first switch
        {
            Axis.Service => (await session.LoadManyAsync<CatalogueService>(ct, codes.Select(PublicService.StreamKey).ToArray()))
                .ToDictionary(s => s.Code, s => s.NameRu),
            Axis.Body => (await session.LoadManyAsync<CatalogueBody>(ct, codes.Select(StateBody.StreamKey).ToArray()))
                .ToDictionary(s => s.Code, s => s.NameRu),
            Axis.Region => Regions.NamesRu,
            _ => new Dictionary<string, string>(),
        };
        return list.Where(k => names.ContainsKey(k.First)).ToDictionary(k => k, k => names[k.First]);
    }
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

    /// <summary>The API's <c>groupBy=region,gender</c>, read once at the edge.</summary>
    public static IReadOnlyList<SliceBy> Parse(string? groupBy) =>
        (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(g => All.FirstOrDefault(s => s.Name == g)
                     ?? throw new DomainRuleViolation("groupBy", $"'{g}' is not one of {string.Join(", ", All.Select(s => s.Name))}"))
        .ToList();
}

using Marten;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Common;
using Npgsql;

namespace Monitoring.Projections.Surveys;

/// <summary>Shares of respondents among those asked (null where nobody was asked).</summary>
public sealed record ResponseShares(decimal? Complaint, decimal? ComplaintOutcomeSatisfied, decimal? InformalPayment, decimal? Connections,
    decimal? ExtraDocuments, decimal? MeanMinutesQueuedToSubmit);

public sealed record RatingRow(string Key, string? Name, int? Rank, SatisfactionFigures Figures, ResponseShares Shares, long? LastSequence);

public sealed record RatingsView(
    IReadOnlyList<string> Campaigns, int? Period, string Dimension, RankingRule RankingRule, int SmallSampleThreshold,
    RatingRow Total, IReadOnlyList<RatingRow> Rows);

/// <summary>Petropavlovsk-style score of a service: the criterion means summed against 5 × criteria (the Petropavlovsk 2019 city survey report).</summary>
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
    public static readonly string[] Dimensions =
        ["total", "service", "body", "region", "channel", "criterion", "service|channel", "service|region", "body|region", "body|channel",
         "service|criterion", "body|criterion"];

    /// <summary>Ratings of every key of a dimension for one campaign, or pooled over the campaigns of a period.</summary>
    public async Task<RatingsView> RatingsAsync(string? campaign, int? period, string dimension, CancellationToken ct)
    {
        if (!Dimensions.Contains(dimension)) throw new DomainRuleViolation("by", $"must be one of {string.Join(", ", Dimensions)}");
        return await RatingsOfAsync(await CampaignsAsync(campaign, period, ct), period, dimension, ct);
    }

    private async Task<RatingsView> RatingsOfAsync(List<SurveyCampaignView> campaigns, int? period, string dimension, CancellationToken ct)
    {
        var first = campaigns[0];
        var codes = campaigns.Select(c => c.Code).ToArray();

        var rows = await AggregatesAsync(codes, dimension, ct);
        var total = (await AggregatesAsync(codes, "total", ct)).FirstOrDefault() ?? Aggregate.Empty("");
        var names = await NamesAsync(dimension, rows.Select(r => r.Key), ct);

        var threshold = first.SmallSampleThreshold;
        var figures = rows.Select(r => (r.Key, Figures: SatisfactionFigures.Of(r.Distribution, threshold))).ToList();
        var ranks = Ranking.Rank(figures, first.RankingRule).ToDictionary(r => r.Key, r => r.Position);
        var list = rows.Select(r => Row(r, names.GetValueOrDefault(r.Key), ranks.TryGetValue(r.Key, out var p) ? p : null, threshold))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new RatingsView(codes, period ?? first.Period, dimension, first.RankingRule, threshold,
            Row(total, "Итого", null, threshold), list);
    }

    /// <summary>Year-over-year change of each key between two campaigns, refused across scales and flagged across methods.</summary>
    public async Task<RatingChangesView> ChangesAsync(string campaign, string previous, string dimension, CancellationToken ct)
    {
        if (!Dimensions.Contains(dimension)) throw new DomainRuleViolation("by", $"must be one of {string.Join(", ", Dimensions)}");
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
        return new RatingChangesView(campaign, previous, dimension, overall.Caveats, rows);
    }

    public static readonly Dictionary<string, string> SliceColumns = new()
    {
        ["campaign"] = "campaign", ["period"] = "period", ["service"] = "service", ["body"] = "body", ["unit"] = "unit",
        ["region"] = "region", ["channel"] = "channels", ["gender"] = "gender", ["ageBand"] = "age_band", ["source"] = "source",
        ["complaint"] = "complaint",
    };

    public sealed record SliceFilter(string? Campaign, int? Period, string? Service, string? Body, string? Region, string? Channel,
        string? Gender, string? AgeBand, string? Source, string? Criterion, DateTimeOffset? AsOf = null);

    public sealed record SliceRow(IReadOnlyDictionary<string, string?> Group, SatisfactionFigures Figures);

    /// <summary>
    /// Ad-hoc slice: filters and groups the flat fact table by any of <see cref="SliceColumns"/> (or one criterion's
    /// answers). Rows count only in the views they belong to: a published channel split is counted when grouping by
    /// channel, never in service totals.
    /// </summary>
    public async Task<IReadOnlyList<SliceRow>> SliceAsync(SliceFilter filter, IReadOnlyList<string> groupBy, int smallSampleThreshold, CancellationToken ct)
    {
        foreach (var g in groupBy)
            if (!SliceColumns.ContainsKey(g)) throw new DomainRuleViolation("groupBy", $"'{g}' is not one of {string.Join(", ", SliceColumns.Keys)}");
        Criterion? criterion = null;
        if (filter.Criterion is not null)
        {
            if (!Enum.TryParse<Criterion>(filter.Criterion, true, out var c))
                throw new DomainRuleViolation("criterion", $"must be one of {string.Join(", ", Enum.GetNames<Criterion>())}");
            criterion = c;
            var responseOnly = groupBy.Concat(new[] { filter.Gender is null ? null : "gender", filter.AgeBand is null ? null : "ageBand", filter.Source is null ? null : "source" })
                .Where(g => g is "unit" or "gender" or "ageBand" or "source" or "complaint").ToList();
            if (responseOnly.Count > 0)
                throw new DomainRuleViolation("groupBy", $"criterion slices cannot use {string.Join(", ", responseOnly)} (published criterion distributions do not carry them)");
        }

        var scopes = new List<string> { "all" };
        if (groupBy.Contains("channel") || filter.Channel is not null) scopes.Add("channel");
        else if (groupBy.Contains("region") || filter.Region is not null) scopes.Add("region");
        else scopes.Add(criterion is null ? "overall" : "criterion");

        await using var cmd = db.DataSource.CreateCommand();
        var where = new List<string> { "scope = any(@scopes)" };
        cmd.Parameters.AddWithValue("scopes", scopes.ToArray());
        void Filter(string? value, string column, string name)
        {
            if (value is null) return;
            where.Add($"{column} = @{name}");
            cmd.Parameters.AddWithValue(name, value);
        }
        Filter(filter.Campaign, "campaign", "campaign");
        if (filter.Period is not null) { where.Add("period = @period"); cmd.Parameters.AddWithValue("period", filter.Period.Value); }
        Filter(filter.Service, "service", "service");
        Filter(filter.Body, "body", "body");
        Filter(filter.Region, "region", "region");
        Filter(filter.Channel, "channels", "channel");
        Filter(filter.Gender, "gender", "gender");
        Filter(filter.AgeBand, "age_band", "age_band");
        Filter(filter.Source, "source", "source");
        if (filter.AsOf is not null)
        {
            // As known at that moment: only facts of events recorded by then (both fact tables carry the event's sequence).
            where.Add($"seq <= {EventCutOff.Sql(db.Schema, "as_of")}");
            cmd.Parameters.AddWithValue("as_of", filter.AsOf.Value);
        }

        var groupColumns = groupBy.Select(g => SliceColumns[g]).ToList();
        var groupSelect = string.Concat(groupColumns.Select(c => $"{c}::text, "));
        string source;
        if (criterion is null)
        {
            source = $"select {groupSelect}n1, n2, n3, n4, n5, hard from {db.Schema}.{SurveySchema.Facts} where {string.Join(" and ", where)}";
        }
        else
        {
            // Answers carry their criterion scores as columns (0 = hard to answer); published splits are rows of their own.
            var c = SurveySchema.CriterionColumn(criterion.Value);
            cmd.Parameters.AddWithValue("criterion", criterion.Value.ToString());
            source = $"""
                select {groupSelect}({c} = 1)::int as n1, ({c} = 2)::int as n2, ({c} = 3)::int as n3, ({c} = 4)::int as n4, ({c} = 5)::int as n5, ({c} = 0)::int as hard
                from {db.Schema}.{SurveySchema.Facts} where {c} is not null and {string.Join(" and ", where)}
                union all
                select {groupSelect}n1, n2, n3, n4, n5, hard from {db.Schema}.{SurveySchema.CriterionFacts}
                where criterion = @criterion and {string.Join(" and ", where.Where(w => !w.StartsWith("gender") && !w.StartsWith("age_band") && !w.StartsWith("source")))}
                """;
        }
        var outer = Enumerable.Range(0, groupColumns.Count).Select(i => $"g{i}").ToList();
        cmd.CommandText = $"""
            select {string.Concat(outer.Select(o => o + ", "))}sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(hard)
            from ({source}) as x({string.Concat(outer.Select(o => o + ", "))}n1, n2, n3, n4, n5, hard)
            {(outer.Count == 0 ? "" : "group by " + string.Join(", ", outer) + " order by " + string.Join(", ", outer))}
            """;
        var result = new List<SliceRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var group = groupBy.Select((g, i) => (g, reader.IsDBNull(i) ? null : reader.GetString(i))).ToDictionary(x => x.g, x => x.Item2);
            var o = groupBy.Count;
            var d = new ScoreDistribution(Long(reader, o), Long(reader, o + 1), Long(reader, o + 2), Long(reader, o + 3), Long(reader, o + 4), Long(reader, o + 5));
            if (d.N > 0) result.Add(new SliceRow(group, SatisfactionFigures.Of(d, smallSampleThreshold)));
        }
        return result;
    }

    /// <summary>The city variant of the Petropavlovsk 2019 city survey report: per service, the mean of each criterion asked, summed against the maximum.</summary>
    public async Task<IReadOnlyList<CriteriaSumRow>> CriteriaSumAsync(string campaign, CancellationToken ct)
    {
        var view = (await CampaignsAsync(campaign, null, ct))[0];
        var rows = await AggregatesAsync([campaign], "service|criterion", ct);
        var byService = rows
            .Select(r => (Service: r.Key.Split('|')[0], Criterion: r.Key.Split('|')[1], SatisfactionFigures.Of(r.Distribution, 0).Mean))
            .Where(r => r.Mean is not null)
            .GroupBy(r => r.Service);
        var names = await NamesAsync("service", byService.Select(g => g.Key), ct);
        return byService.Select(g =>
        {
            var means = g.OrderBy(x => x.Criterion, StringComparer.Ordinal).ToDictionary(x => x.Criterion, x => x.Mean!.Value);
            var (sum, max, share) = CityVariants.CriteriaSum(means.Values.ToList(), view.Scale);
            return new CriteriaSumRow(g.Key, names.GetValueOrDefault(g.Key), means, sum, max, share);
        }).OrderByDescending(r => r.Share).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
    }

    /// <summary>The social-concern index of a campaign from its respondents' answers (Table 104 of the 2017 report).</summary>
    public async Task<SocialConcernIndex?> SocialConcernAsync(string campaign, CancellationToken ct)
    {
        var total = (await AggregatesAsync([campaign], "total", ct)).FirstOrDefault();
        var trust = (await AggregatesAsync([campaign], "criterion", ct)).FirstOrDefault(a => a.Key == nameof(Criterion.Trust));
        if (total is null || total.Counter("respondents") == 0 || trust is null) return null;
        decimal Share(string yes, string asked) => total.Counter(asked) == 0 ? 0m : (decimal)total.Counter(yes) / total.Counter(asked);
        return new SocialConcernIndex(
            total.Distribution.Raters == 0 ? 0m : (decimal)total.Distribution.Negative / total.Distribution.Raters,
            trust.Distribution.Raters == 0 ? 0m : (decimal)trust.Distribution.Negative / trust.Distribution.Raters,
            (decimal)total.Counter("complained") / total.Counter("respondents"),
            Share("informal_yes", "informal_asked"), Share("connections_yes", "connections_asked"));
    }

    private static long Long(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i));

    private async Task<List<SurveyCampaignView>> CampaignsAsync(string? campaign, int? period, CancellationToken ct)
    {
        if (campaign is not null)
        {
            var view = await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(campaign), ct)
                       ?? throw new NotFound("Survey campaign", campaign);
            return [view];
        }
        if (period is null) throw new DomainRuleViolation("campaign", "name a campaign or a period");
        var list = await session.Query<SurveyCampaignView>().Where(c => c.Period == period).OrderBy(c => c.Code).ToListAsync(ct);
        if (list.Count == 0) throw new NotFound("Survey campaigns of period", period.Value.ToString());
        return list.ToList();
    }

    private sealed record Aggregate(string Key, ScoreDistribution Distribution, Dictionary<string, long> Counters, long? LastSeq)
    {
        public static Aggregate Empty(string key) => new(key, ScoreDistribution.Empty, [], null);
        public long Counter(string name) => Counters.GetValueOrDefault(name);
    }

    private async Task<List<Aggregate>> AggregatesAsync(string[] campaigns, string dimension, CancellationToken ct)
    {
        var counters = SurveySchema.AggregateCounters;
        await using var cmd = db.DataSource.CreateCommand($"""
            select key, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(hard), {string.Join(", ", counters.Select(c => $"sum({c})"))}, max(last_seq)
            from {db.Schema}.{SurveySchema.Aggregates} where campaign = any(@campaigns) and dimension = @dimension group by key
            """);
        cmd.Parameters.AddWithValue("campaigns", campaigns);
        cmd.Parameters.AddWithValue("dimension", dimension);
        var list = new List<Aggregate>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var d = new ScoreDistribution(Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6));
            var values = counters.Select((c, i) => (c, Long(reader, 7 + i))).ToDictionary(x => x.c, x => x.Item2);
            list.Add(new Aggregate(reader.GetString(0), d, values, reader.IsDBNull(7 + counters.Length) ? null : reader.GetInt64(7 + counters.Length)));
        }
        return list;
    }

    private static RatingRow Row(Aggregate a, string? name, int? rank, int threshold)
    {
        decimal? Share(string yes, string asked) => a.Counter(asked) == 0 ? null : (decimal)a.Counter(yes) / a.Counter(asked);
        var respondents = a.Counter("respondents");
        var shares = new ResponseShares(
            respondents == 0 ? null : (decimal)a.Counter("complained") / respondents,
            a.Counter("complained") == 0 ? null : (decimal)a.Counter("complaint_satisfied") / a.Counter("complained"),
            Share("informal_yes", "informal_asked"), Share("connections_yes", "connections_asked"), Share("extra_docs_yes", "extra_docs_asked"),
            Share("queue_submit_sum", "queue_submit_count"));
        return new RatingRow(a.Key, name, rank, SatisfactionFigures.Of(a.Distribution, threshold), shares, a.LastSeq);
    }

    private async Task<Dictionary<string, string>> NamesAsync(string dimension, IEnumerable<string> keys, CancellationToken ct)
    {
        var first = dimension.Split('|')[0];
        var list = keys.ToList();
        switch (first)
        {
            case "service":
                var services = await session.LoadManyAsync<CatalogueService>(ct, list.Select(k => PublicService.StreamKey(k.Split('|')[0])).Distinct().ToArray());
                var sn = services.ToDictionary(s => s.Code, s => s.NameRu);
                return list.Where(k => sn.ContainsKey(k.Split('|')[0])).ToDictionary(k => k, k => sn[k.Split('|')[0]]);
            case "body":
                var bodies = await session.LoadManyAsync<CatalogueBody>(ct, list.Select(k => StateBody.StreamKey(k.Split('|')[0])).Distinct().ToArray());
                var bn = bodies.ToDictionary(s => s.Code, s => s.NameRu);
                return list.Where(k => bn.ContainsKey(k.Split('|')[0])).ToDictionary(k => k, k => bn[k.Split('|')[0]]);
            case "region":
                return list.Where(k => Regions.NamesRu.ContainsKey(k)).ToDictionary(k => k, k => Regions.NamesRu[k]);
            default:
                return [];
        }
    }
}

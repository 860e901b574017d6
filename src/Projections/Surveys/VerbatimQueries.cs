using System.Text.Json;

namespace Monitoring.Projections.Surveys;

/// <summary>The comment-theme dictionary last published (inline): the one that applies.</summary>
public sealed record CommentThemesView(string Id, CommentThemes Themes, Provenance PublishedBy);

public sealed class CommentThemesViewProjection : SingleStreamProjection<CommentThemesView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public CommentThemesViewProjection()
    {
        IncludeType<CommentThemesPublished>();
    }

    public override CommentThemesView? Evolve(CommentThemesView? snapshot, string id, IEvent e) =>
        e.Data is CommentThemesPublished p ? new CommentThemesView(id, p.Themes, Provenance.Of(e)) : snapshot;
}

/// <summary>The dictionary that applies: the last published (with who published it), or the shipped default (<see cref="Shipped"/>).</summary>
public sealed record AppliedCommentThemes(string Version, IReadOnlyList<CommentTheme> Themes, bool Shipped, Provenance? PublishedBy);

/// <summary>Which answers' comments a query reads: one campaign, optionally one service, body and region.</summary>
public sealed record VerbatimFilter(string Campaign, string? Service = null, string? Body = null, string? Region = null);

/// <summary>
/// A respondent's comment with the answer it came with (overall score null for "hard to answer") and where it was
/// recorded: the event (stream key, version; <see cref="Item"/> is the answer's place in an imported batch, 0 for one
/// answer alone), when and by whom.
/// </summary>
public sealed record Verbatim(string? ResponseId, string Service, string Body, string? Region, int? Overall, string Comment, string Source,
    string? SourceReference, string StreamKey, long Version, int Item, DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>A page of comments, newest first, with how many match in all.</summary>
public sealed record VerbatimPage(string Campaign, string? Query, long Total, int Limit, int Offset, IReadOnlyList<Verbatim> Comments);

/// <summary>How many comments match a theme: the exact share of the comments read, and the percentage rounded for presentation.</summary>
public sealed record ThemeCount(string Code, LocalizedText Name, long Comments, decimal? Share)
{
    public decimal? Percent => Presentation.PercentOf(Share);
}

/// <summary>
/// Comments counted by theme: a comment counts once under each theme it matches, so the shares add up to more than one
/// when comments touch several themes; <see cref="NoTheme"/> counts those that match none. Shares are null when there is
/// no comment to count.
/// </summary>
public sealed record CommentThemeCounts(VerbatimFilter Filter, string DictionaryVersion, bool ShippedDictionary, long Comments,
    IReadOnlyList<ThemeCount> Themes, long NoTheme, decimal? NoThemeShare)
{
    public decimal? NoThemePercent => Presentation.PercentOf(NoThemeShare);
}

/// <summary>
/// Verbatims: search a campaign's comments, and count them by theme with the keyword dictionary that applies. Both read
/// the fact table's <c>comment</c> column. Themes are matched here, in C#, over the comments streamed from one query
/// rather than in SQL with <c>~*</c>: what a word is and how case folds (Kazakh letters, "ё" read as "е") is then one
/// definition (<see cref="Comments.Words"/>) that does not depend on the database's locale, a comment is read once for
/// every theme (not once per theme's regex), and memory holds one comment at a time whatever the campaign's size.
/// </summary>
public sealed class VerbatimQueries(ReadModelDatabase db, IQuerySession session)
{
    public const int MaxLimit = 200, DefaultLimit = 50;

    /// <summary>
    /// Comments of a campaign, newest first, filtered by service, body, region and a text (a case-insensitive substring,
    /// folded by the database's lower(), which both sides go through).
    /// </summary>
    public async Task<VerbatimPage> SearchAsync(VerbatimFilter filter, string? query, int limit, int offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit) throw new DomainRuleViolation("limit", $"must be 1..{MaxLimit}");
        if (offset < 0) throw new DomainRuleViolation("offset", "must be 0 or more");
        await RequireCampaignAsync(filter.Campaign, ct);
        var (where, args) = Where(filter, string.IsNullOrWhiteSpace(query) ? null : query);
        var total = await Sql.Command(db.DataSource, $"select count(*) from {db.Schema}.{SurveySchema.Facts} where {where}", args.Values)
            .ScalarAsync<long>(ct);
        var overall = string.Join(" ", Enumerable.Range(1, 5).Select(k => $"when n{k} = 1 then {k}"));
        var rows = await Sql.Command(db.DataSource, $"""
            select {SurveySchema.ResponseId}, service, body, region, case {overall} end, {SurveySchema.Comment}, source, source_ref,
                   stream_key, version, item, recorded_at, recorded_by
            from {db.Schema}.{SurveySchema.Facts} where {where}
            order by recorded_at desc, seq desc, item desc
            limit {args.Add(limit)} offset {args.Add(offset)}
            """, args.Values).ListAsync(r => new Verbatim(r.Text(0), r.GetString(1), r.GetString(2), r.Text(3), r.IsDBNull(4) ? null : r.GetInt32(4),
            r.GetString(5), r.GetString(6), r.Text(7), r.GetString(8), r.GetInt64(9), r.GetInt32(10), r.GetFieldValue<DateTimeOffset>(11),
            r.Text(12)), ct);
        return new VerbatimPage(filter.Campaign, string.IsNullOrWhiteSpace(query) ? null : query, total, limit, offset, rows);
    }

    /// <summary>The comments of a campaign (and filter) counted by theme with the dictionary that applies.</summary>
    public async Task<CommentThemeCounts> ThemesAsync(VerbatimFilter filter, CancellationToken ct)
    {
        await RequireCampaignAsync(filter.Campaign, ct);
        var dictionary = await AppliedAsync(ct);
        var matcher = new CommentThemeMatcher(new CommentThemes(dictionary.Version, dictionary.Themes));
        var counts = new long[dictionary.Themes.Count];
        long comments = 0, none = 0;

        var (where, args) = Where(filter, null);
        await Sql.Command(db.DataSource, $"select {SurveySchema.Comment} from {db.Schema}.{SurveySchema.Facts} where {where}", args.Values)
            .EachAsync(reader =>
            {
                comments++;
                var hits = matcher.Match(reader.GetString(0));
                var any = false;
                for (var t = 0; t < hits.Length; t++)
                {
                    if (!hits[t]) continue;
                    counts[t]++;
                    any = true;
                }
                if (!any) none++;
            }, ct);

        decimal? Share(long n) => comments == 0 ? null : (decimal)n / comments;
        var themes = dictionary.Themes.Select((t, i) => new ThemeCount(t.Code, t.Name, counts[i], Share(counts[i])))
            .OrderByDescending(t => t.Comments).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        return new CommentThemeCounts(filter, dictionary.Version, dictionary.Shipped, comments, themes, none, Share(none));
    }

    /// <summary>The dictionary that applies: the last published, or the shipped default.</summary>
    public async Task<AppliedCommentThemes> AppliedAsync(CancellationToken ct) =>
        await session.LoadAsync<CommentThemesView>(CommentThemes.StreamKey, ct) is { } view
            ? new AppliedCommentThemes(view.Themes.Version, view.Themes.Themes, false, view.PublishedBy)
            : new AppliedCommentThemes(ShippedThemes.Value.Version, ShippedThemes.Value.Themes, true, null);

    /// <summary>Where the shipped dictionary is read from (copied beside the application with the other data files).</summary>
    public static string ShippedThemesPath => Path.Combine(AppContext.BaseDirectory, "data", "surveys", "comment-themes.json");

    /// <summary>The shipped dictionary, read once; one that breaks its own rules is a defect of the release, not of a request.</summary>
    public static readonly Lazy<CommentThemes> ShippedThemes = new(() =>
    {
        var themes = JsonSerializer.Deserialize<CommentThemes>(File.ReadAllText(ShippedThemesPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                     ?? throw new InvalidOperationException($"{ShippedThemesPath} is empty");
        if (themes.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException($"{ShippedThemesPath}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}");
        return themes;
    });

    private async Task RequireCampaignAsync(string campaign, CancellationToken ct)
    {
        if (await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(campaign), ct) is null) throw new NotFound("Survey campaign", campaign);
    }

    /// <summary>The condition on the fact table for a filter's commented answers, with its parameters in order ($1, $2 …).</summary>
    private (string Where, SqlArguments Args) Where(VerbatimFilter filter, string? text)
    {
        var args = new SqlArguments();
        var filters = new SurveyRatingsQueries.SliceFilter(filter.Campaign, null, filter.Service, filter.Body, filter.Region, null, null, null, null, null);
        List<string> where = [$"{SurveySchema.Comment} is not null", .. filters.Conditions(db.Schema, args)];
        if (text is not null) where.Add($"strpos(lower({SurveySchema.Comment}), lower({args.Add(text)})) > 0");
        return (string.Join(" and ", where), args);
    }
}

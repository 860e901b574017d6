namespace Monitoring.Domain.Surveys;

/// <summary>
/// A theme comments are counted under (queues, rudeness, corruption…): its code, its name in ru/kk/en, and its keywords
/// per language ("ru", "kk", "en"). A keyword is a word stem: it matches a word of a comment that starts with it,
/// ignoring case ("очеред" matches "очереди", "Очередь").
/// </summary>
public sealed record CommentTheme(string Code, LocalizedText Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords);

/// <summary>
/// The keyword dictionary comments are counted by theme with: data, published as a whole under a version label of its own.
/// A default ships with the system (<c>data/surveys/comment-themes.json</c>); each publication is a new version of the one
/// stream <see cref="StreamKey"/>, and the latest applies.
/// </summary>
public sealed record CommentThemes(string Version, IReadOnlyList<CommentTheme> Themes)
{
    public const string StreamKey = "comment-themes";
    public const int MaxThemes = 100;
    public const int MinKeyword = 2, MaxKeyword = 50;
    public const int MaxKeywordsPerTheme = 500;
    public static readonly IReadOnlyList<string> Languages = ["ru", "kk", "en"];

    /// <summary>Every problem of a dictionary as (field, reason).</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Version) || Version.Length > 100) problems.Add(("version", "must be 1–100 characters"));
        if (Themes is null || Themes.Count is 0 or > MaxThemes)
        {
            problems.Add(("themes", $"must define 1..{MaxThemes} themes"));
            return problems;
        }
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Themes.Count; i++)
        {
            var theme = Themes[i];
            var at = $"themes[{i}]";
            if (theme is null) { problems.Add((at, "must not be null")); continue; }
            if (!CriterionCodes.IsWellFormed(theme.Code)) problems.Add(($"{at}.code", CriterionCodes.Rule));
            else if (!codes.Add(theme.Code)) problems.Add(($"{at}.code", $"'{theme.Code}' is defined twice"));
            if (string.IsNullOrWhiteSpace(theme.Name?.Ru)) problems.Add(($"{at}.name.ru", "must give the Russian name"));
            var keywords = theme.Keywords ?? new Dictionary<string, IReadOnlyList<string>>();
            if (keywords.Values.Sum(k => k?.Count ?? 0) == 0) problems.Add(($"{at}.keywords", "must give at least one keyword"));
            if (keywords.Values.Sum(k => k?.Count ?? 0) > MaxKeywordsPerTheme)
                problems.Add(($"{at}.keywords", $"at most {MaxKeywordsPerTheme} keywords per theme"));
            foreach (var (language, list) in keywords)
            {
                if (!Languages.Contains(language))
                {
                    problems.Add(($"{at}.keywords", $"'{Quote.Shorten(language)}' is not a language of the dictionary ({string.Join(", ", Languages)})"));
                    continue;
                }
                for (var k = 0; k < (list?.Count ?? 0); k++)
                    if (KeywordProblem(list![k]) is { } why) problems.Add(($"{at}.keywords.{language}[{k}]", why));
            }
        }
        return problems;
    }

    /// <summary>
    /// Why a keyword cannot match, or null: it is matched against the words of a comment (runs of letters and digits), so it
    /// must be one word stem of <see cref="MinKeyword"/>..<see cref="MaxKeyword"/> such characters.
    /// </summary>
    public static string? KeywordProblem(string? keyword)
    {
        if (keyword is null || keyword.Length is < MinKeyword or > MaxKeyword) return $"must be {MinKeyword}–{MaxKeyword} characters";
        return keyword.All(Comments.IsWordChar) ? null
            : "must be one word stem: letters and digits only (it matches the start of a word of a comment)";
    }
}

/// <summary>
/// Which themes a comment matches: every word of the comment against every keyword (of every language: a comment's
/// language is not known, and people in Kazakhstan write Russian and Kazakh in one sentence). Built once per query: each
/// keyword is a key of one table, and a word is looked up by its prefixes of the keyword lengths there are, so a comment
/// costs a few lookups per word whatever the size of the dictionary, and nothing is allocated per comment.
/// </summary>
public sealed class CommentThemeMatcher
{
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _keywords;
    private readonly int[] _lengths;
    private readonly bool[] _hits;
    private readonly char[] _buffer = new char[CommentThemes.MaxKeyword];

    public CommentThemeMatcher(CommentThemes themes)
    {
        Themes = themes.Themes;
        var table = themes.Themes
            .SelectMany((t, i) => t.Keywords.Values.SelectMany(k => k).Select(k => (Keyword: Comments.Fold(k), Theme: i)))
            .GroupBy(k => k.Keyword)
            .ToDictionary(g => g.Key, g => g.Select(k => k.Theme).Distinct().ToArray());
        _keywords = table.GetAlternateLookup<ReadOnlySpan<char>>();
        _lengths = [.. table.Keys.Select(k => k.Length).Distinct().Order()];
        _hits = new bool[Themes.Count];
        _onWord = OnWord;
    }

    private readonly Comments.WordAction _onWord;

    private void OnWord(ReadOnlySpan<char> word)
    {
        foreach (var length in _lengths)
        {
            if (length > word.Length) break;
            if (_keywords.TryGetValue(word[..length], out var themes))
                foreach (var t in themes) _hits[t] = true;
        }
    }

    public IReadOnlyList<CommentTheme> Themes { get; }

    /// <summary>
    /// The themes a comment matches, as flags by theme index (a buffer reused by the next call: read it before matching
    /// again; one matcher serves one reader at a time).
    /// </summary>
    public ReadOnlySpan<bool> Match(string comment)
    {
        Array.Clear(_hits);
        // A word longer than the longest keyword only needs its first characters: the buffer holds that much.
        Comments.Words(comment, _buffer, _onWord);
        return _hits;
    }
}

/// <summary>
/// Write-side state of the comment-theme stream: the dictionary that applies now. No one-argument constructor: Marten
/// would take it for a conventional Create method beside <see cref="Evolve"/>, and refuse the projection.
/// </summary>
public sealed record PublishedCommentThemes : IVersioned
{
    public required CommentThemes Themes { get; init; }
    public long Version { get; set; }
    public string Id => CommentThemes.StreamKey;

    public static PublishedCommentThemes? Evolve(PublishedCommentThemes? state, object @event) =>
        @event is CommentThemesPublished e ? new PublishedCommentThemes { Themes = e.Themes } : state;

    /// <summary>A new dictionary replaces the current one; its version label must be new, so counts name what they used.</summary>
    public static CommentThemesPublished Publish(PublishedCommentThemes? current, CommentThemes themes)
    {
        if (themes.Problems() is { Count: > 0 } problems) throw new DomainRuleViolation(problems);
        if (current is not null && current.Themes.Version == themes.Version)
            throw new InvalidTransition($"Comment themes version '{themes.Version}' is the one that applies: publish under a new version label");
        return new CommentThemesPublished(themes);
    }
}

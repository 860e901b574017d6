using Monitoring.Application.Common;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Verbatims: a campaign's comments searched and counted by theme, and the theme dictionary that applies (published with
/// <c>POST /api/surveys/comment-themes</c>, mapped with the survey commands).
/// </summary>
public static class VerbatimEndpoints
{
    public const int MaxQuery = 200;

    public static void MapVerbatims(this RouteGroupBuilder read)
    {
        read.MapGet("/comment-themes", (VerbatimQueries queries, CancellationToken ct) => queries.AppliedAsync(ct))
            .WithName("GetCommentThemes")
            .WithSummary("The comment-theme dictionary that applies: the last published, or the shipped default")
            .Produces<AppliedCommentThemes>();
        read.MapGet("/campaigns/{code}/comments", (string code, string? service, string? body, string? region, string? q, int? limit, int? offset,
                    VerbatimQueries queries, CancellationToken ct) =>
                queries.SearchAsync(Filter(code, service, body, region, q), q, limit ?? VerbatimQueries.DefaultLimit, offset ?? 0, ct))
            .WithName("SearchComments")
            .WithSummary($"A campaign's comments, newest first, by service, body, region and text (q: case-insensitive, at most {MaxQuery} " +
                         $"characters), {VerbatimQueries.MaxLimit} at most a page, each with its answer and the event that recorded it")
            .Produces<VerbatimPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/campaigns/{code}/comment-themes", (string code, string? service, string? body, string? region, VerbatimQueries queries,
                    CancellationToken ct) =>
                queries.ThemesAsync(Filter(code, service, body, region, null), ct))
            .WithName("CountCommentThemes")
            .WithSummary("A campaign's comments counted by theme with the dictionary that applies (a comment counts once under each " +
                         "theme it matches), with the comments matching none")
            .Produces<CommentThemeCounts>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The filter, its values checked as every input is (a NUL or a broken character would otherwise reach the database).</summary>
    private static VerbatimFilter Filter(string code, string? service, string? body, string? region, string? q)
    {
        var problems = new List<(string, string)>();
        foreach (var (name, value) in new[] { ("code", code), ("service", service), ("body", body), ("region", region) })
            if (value is not null && InputHygiene.StringProblem(value, code: true) is { } why) problems.Add((name, why));
        if (q is not null && (q.Length > MaxQuery ? $"is {q.Length} characters long; at most {MaxQuery} allowed" : InputHygiene.StringProblem(q, code: false))
            is { } bad) problems.Add(("q", bad));
        if (problems.Count > 0) throw new DomainRuleViolation(problems);
        return new VerbatimFilter(code, service, body, region);
    }
}

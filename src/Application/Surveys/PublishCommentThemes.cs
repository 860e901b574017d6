namespace Monitoring.Application.Surveys;

/// <summary>
/// Publish the keyword dictionary comments are counted by theme with. It replaces the one that applies (the shipped
/// default until a first publication); the dictionaries published before stay in the stream's history.
/// </summary>
[Post("/api/surveys/comment-themes", "Publish the comment-theme dictionary (themes with names and keyword stems in ru/kk/en); the latest applies",
    Created = "/api/surveys/comment-themes", Problems = [409])]
public sealed record PublishCommentThemes(string Version, IReadOnlyList<CommentTheme> Themes)
{
    [Identity, JsonIgnore]
    public string StreamKey => CommentThemes.StreamKey;

    public CommentThemes ToThemes() => new(Version?.Trim() ?? "", Themes);
}

/// <summary>The dictionary's own rules (<see cref="CommentThemes.Problems"/>), answered field by field before anything is written.</summary>
public sealed class PublishCommentThemesValidator : AbstractValidator<PublishCommentThemes>
{
    public PublishCommentThemesValidator() =>
        RuleFor(x => x).Custom((command, context) =>
        {
            foreach (var (field, reason) in command.ToThemes().Problems()) context.AddFailure(field, reason);
        });
}

public static class PublishCommentThemesHandler
{
    public static (CommandResult, Events) Handle(PublishCommentThemes c, [WriteAggregate(Required = false)] PublishedCommentThemes? current) =>
        Decision.Of(CommentThemes.StreamKey, current, PublishedCommentThemes.Publish(current, c.ToThemes()));
}

using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;

namespace Monitoring.Domain.Tests.Surveys;

public sealed class CommentsTests
{
    [Fact]
    public void A_comment_keeps_its_line_breaks_and_refuses_other_control_characters()
    {
        Comments.Problem("Первый абзац.\r\n\tВторой.").ShouldBeNull();
        Comments.Problem(new string('я', Comments.MaxLength)).ShouldBeNull();
        Comments.Problem(new string('я', Comments.MaxLength + 1))!.ShouldContain("at most 4000");
        Comments.Problem("нуль\0").ShouldBe("contains a control character (U+0000) at position 5");
        Comments.Problem("del\u007f")!.ShouldContain("U+007F");
        Comments.Problem("c1\u0085")!.ShouldContain("U+0085");
        Comments.Problem(" \n ")!.ShouldContain("blank");
        Comments.Normalise("  слово \n").ShouldBe("слово");
        Comments.Normalise(" \t ").ShouldBeNull();
    }

    private static CommentThemes Dictionary(params (string Code, string[] Keywords)[] themes) => new("v1",
        themes.Select(t => new CommentTheme(t.Code, new LocalizedText(t.Code), new Dictionary<string, IReadOnlyList<string>> { ["ru"] = t.Keywords })).ToList());

    private static string[] Matched(CommentThemes themes, string comment)
    {
        var hits = new CommentThemeMatcher(themes).Match(comment).ToArray();
        return [.. themes.Themes.Where((_, i) => hits[i]).Select(t => t.Code)];
    }

    [Fact]
    public void A_keyword_matches_the_start_of_a_word_ignoring_case_and_yo()
    {
        var themes = Dictionary(("queues", ["очеред", "ждал"]), ("mood", ["ещ"]), ("long", ["оченьдлинноеслово"]));
        Matched(themes, "ОЧЕРЕДЬ была").ShouldBe(["queues"]);
        Matched(themes, "в очередях").ShouldBe(["queues"]);
        Matched(themes, "подождали").ShouldBeEmpty(); // "ждал" inside a word is not its start
        Matched(themes, "Ещё раз").ShouldBe(["mood"]); // "ё" read as "е"
        Matched(themes, "ждал-ждал, очередь").ShouldBe(["queues"]); // once per theme
        Matched(themes, "оченьдлинноесловоещёдлиннее" + new string('я', 80)).ShouldBe(["long"]);
        Matched(themes, "").ShouldBeEmpty();
    }

    [Fact]
    public void A_dictionary_names_each_broken_rule_by_field()
    {
        var ok = new Dictionary<string, IReadOnlyList<string>> { ["ru"] = ["очеред"] };
        new CommentThemes("v1", [new("a", new("А"), ok)]).Problems().ShouldBeEmpty();
        new CommentThemes("v1", []).Problems().Select(p => p.Field).ShouldBe(["themes"]);
        new CommentThemes("v1", [new("a", new("А"), ok), new("A", new("Б"), ok)]).Problems().Select(p => p.Field).ShouldBe(["themes[1].code"]);
        new CommentThemes("v1", [new("a", new(""), new Dictionary<string, IReadOnlyList<string>> { ["kk"] = ["x", "екі сөз"] })])
            .Problems().Select(p => p.Field).ShouldBe(["themes[0].name.ru", "themes[0].keywords.kk[0]", "themes[0].keywords.kk[1]"]);
        new CommentThemes(" ", [new("a", new("А"), new Dictionary<string, IReadOnlyList<string>>())]).Problems().Select(p => p.Field)
            .ShouldBe(["version", "themes[0].keywords"]);
    }

    [Fact]
    public void The_same_version_label_is_not_published_twice()
    {
        var first = new CommentThemes("v1", [new("a", new("А"), new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["queue"] })]);
        var state = PublishedCommentThemes.Evolve(null, PublishedCommentThemes.Publish(null, first))!;
        Should.Throw<InvalidTransition>(() => PublishedCommentThemes.Publish(state, first));
        PublishedCommentThemes.Publish(state, first with { Version = "v2" }).Themes.Version.ShouldBe("v2");
    }
}

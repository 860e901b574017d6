using System.Text.RegularExpressions;
using System.Xml.Linq;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Platform;

/// <summary>Every text of every page exists in Russian, Kazakh and English (the resource files, read as files).</summary>
public sealed class ResourceTests
{
    private static readonly string Api = Path.Combine(WebAppFixture.RepositoryRoot, "src", "Api");
    private static readonly string[] Languages = ["", ".kk", ".en"];

    public static IEnumerable<object[]> Folders() =>
        Directory.EnumerateFiles(Api, "UiText.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => new object[] { Path.GetRelativePath(Api, Path.GetDirectoryName(f)!) });

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_text_exists_in_the_three_languages(string folder)
    {
        var sets = Languages.Select(l => Read(Path.Combine(Api, folder, $"UiText{l}.resx"))).ToList();
        var keys = sets.SelectMany(s => s.Keys).ToHashSet();
        foreach (var (set, language) in sets.Zip(Languages))
            foreach (var key in keys)
                set.GetValueOrDefault(key, "").Trim().ShouldNotBeEmpty($"'{key}' has no text in UiText{language}.resx of {folder}");
    }

    [Fact]
    public void Every_text_a_page_asks_for_exists()
    {
        var common = Read(Path.Combine(Api, "Web", "UiText.resx"));
        var problems = new List<string>();
        foreach (var view in Directory.EnumerateFiles(Api, "*.cshtml", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Api, "*.cshtml.cs", SearchOption.AllDirectories))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var text = File.ReadAllText(view);
            var own = Path.Combine(Path.GetDirectoryName(view)!, "UiText.resx");
            var local = File.Exists(own) ? Read(own) : new Dictionary<string, string>();
            foreach (Match m in Regex.Matches(text, "\\bC\\[\"([^\"]+)\"\\]"))
                if (!common.ContainsKey(m.Groups[1].Value)) problems.Add($"{Path.GetRelativePath(Api, view)}: C[\"{m.Groups[1].Value}\"]");
            foreach (Match m in Regex.Matches(text, "\\bT\\[\"([^\"]+)\"\\]"))
                if (!local.ContainsKey(m.Groups[1].Value)) problems.Add($"{Path.GetRelativePath(Api, view)}: T[\"{m.Groups[1].Value}\"]");
        }
        problems.ShouldBeEmpty();
    }
}

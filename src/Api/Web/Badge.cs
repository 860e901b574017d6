namespace Monitoring.Api.Web;

/// <summary>
/// A table cell shown as a badge (<c>&lt;span class="badge warn"&gt;</c>), e.g. a small sample's mark; exported and sorted
/// as its text.
/// </summary>
public sealed record Badge(string Text, string Css = "")
{
    public override string ToString() => Text;
}

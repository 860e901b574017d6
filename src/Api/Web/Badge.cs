namespace Monitoring.Api.Web;

/// <summary>A table cell shown as a badge (e.g. "overdue", class <c>bad</c>): its text is what sorts and exports.</summary>
public sealed record Badge(string Text, string Css = "")
{
    public override string ToString() => Text;
}

using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>&lt;figure-value value="s.Final" figure="final" href="…" /&gt;</c>: a figure of an assessment written in the person's
/// culture, as a link to its explanation when <c>href</c> is given (the reader may audit), else as plain text.
/// </summary>
[HtmlTargetElement("figure-value", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FigureValueTagHelper : TagHelper
{
    public decimal? Value { get; set; }
    public string Figure { get; set; } = "";
    public string? Href { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        // An attribute written "@null" arrives as an empty string.
        var link = string.IsNullOrEmpty(Href) ? null : Href;
        output.TagName = link is null ? "span" : "a";
        if (link is not null) output.Attributes.SetAttribute("href", link);
        output.Attributes.SetAttribute("class", "figure-link");
        output.Attributes.SetAttribute("data-figure", Figure);
        output.Content.SetContent(FigureText.Number(Value));
    }
}

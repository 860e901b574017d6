using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Monitoring.Api.Web;

/// <summary>
/// <c>&lt;field-errors for="count" /&gt;</c>: the reasons the API gave for one field of the form (the name the API uses,
/// matched ignoring case), as a paragraph with the id <c>{for}-error</c> that the input names in aria-describedby.
/// Renders nothing when the field is fine.
/// </summary>
[HtmlTargetElement("field-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorsTagHelper : TagHelper
{
    public string For { get; set; } = "";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var reasons = ViewContext.ModelState
            .Where(kv => string.Equals(kv.Key, For, StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value!.Errors.Select(e => e.ErrorMessage)).Distinct().ToList();
        if (reasons.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", $"{For}-error");
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("data-field", For);
        output.Content.SetContent(string.Join(" ", reasons));
    }
}

/// <summary>
/// <c>&lt;input name="count" field-state /&gt;</c>: marks an input invalid (aria-invalid, class) and describes it by its
/// error paragraph when the API refused that field.
/// </summary>
[HtmlTargetElement("input", Attributes = "field-state", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "field-state")]
[HtmlTargetElement("textarea", Attributes = "field-state")]
public sealed class FieldStateTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("field-state");
        var name = output.Attributes["name"]?.Value?.ToString();
        if (name is null) return;
        var invalid = ViewContext.ModelState.Any(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase) && kv.Value!.Errors.Count > 0);
        if (!invalid) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", $"{name}-error");
        output.AddClass("invalid", System.Text.Encodings.Web.HtmlEncoder.Default);
    }
}

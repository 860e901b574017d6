using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Monitoring.Api.Web;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Assessments;

/// <summary>
/// What the pages of one assessment (<c>/assessments/{body}/{period}/…</c>) share: the body and period of the route, the
/// "as of" moment and time zone of the query (<see cref="PageTime"/>), a steward kept to their own body (another body's
/// assessment is refused with 403, as their commands are), and an unknown assessment, revision or figure answered as a
/// page saying so rather than as the API's JSON.
/// </summary>
public abstract class AssessmentPage : WebPage
{
    [BindProperty(SupportsGet = true)] public string Body { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "asOf")] public string? AsOfText { get; set; }
    [BindProperty(SupportsGet = true, Name = "tz")] public string? Tz { get; set; }

    public PageTime Time { get; private set; } = PageTime.Read(null, null, out _);

    /// <summary>The body's name in the person's language (its code when the catalogue does not know it).</summary>
    public string BodyName { get; private set; } = "";

    /// <summary>Why the page has nothing to show (an unknown assessment, a moment before it was opened, an unknown figure).</summary>
    public string? Missing { get; private set; }

    /// <summary>The path of the assessment's scorecard; its other pages hang below it.</summary>
    public string Home => $"/assessments/{Uri.EscapeDataString(Body)}/{Period}";

    /// <summary>The page where an assessor withdraws a penalty (<c>?penaltyId=</c>).</summary>
    public string WithdrawLink => $"{Home}/penalties/withdrawal";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Actor.ActsForOwnBodyOnly && !string.Equals(Actor.Body, Body, StringComparison.Ordinal))
        {
            context.Result = Forbid(WebSetup.Scheme);
            return;
        }
        var body = await HttpContext.RequestServices.GetRequiredService<CatalogueQueries>().BodyAsync(Body, HttpContext.RequestAborted);
        BodyName = body is null ? Body : Names.Of(body);
        Time = PageTime.Read(AsOfText, Tz, out var error);
        if (error is not null) FieldError("asOf", error);
        var executed = await next();
        if (executed.Exception is { } e && !executed.ExceptionHandled && ProblemDetailsExceptionHandler.ProblemOf(e) is { Status: 400 or 404 } problem)
        {
            executed.ExceptionHandled = true;
            Missing = problem.Detail ?? problem.Title;
            Response.StatusCode = problem.Status!.Value;
            executed.Result = Page();
        }
    }
}

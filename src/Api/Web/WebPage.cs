using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monitoring.Application.Auth;

namespace Monitoring.Api.Web;

/// <summary>
/// What every page shares: the signed-in person as the <see cref="Actor"/> of their commands (the same claims as a
/// bearer token: name, roles, body), commands sent through Wolverine exactly as the API sends them (validation, body
/// scope and rules run in the handler's middleware, once for both), the API's refusals shown on the form's fields, and
/// the export of any table the page shows (<c>?handler=export&amp;table=ID&amp;format=csv|excel</c>).
/// </summary>
public abstract class WebPage : PageModel
{
    /// <summary>The tables the page shows, filled by <see cref="LoadAsync"/>; each can be exported.</summary>
    public List<Table> Tables { get; } = [];

    /// <summary>A refusal that names no field of the form (a 403, 404, 409): shown above the form.</summary>
    public string? FormError { get; private set; }

    /// <summary>The status the API would have answered a refused command with (403 for another body, 409 for a conflict).</summary>
    private int? _refusalStatus;

    /// <summary>A message after a command went through (shown once, after the redirect).</summary>
    [TempData] public string? Flash { get; set; }

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>Reads what the page shows. Called for a GET, for an export, and again when a form is refused.</summary>
    protected virtual Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IActionResult> OnGetExportAsync(string table, string format, CancellationToken ct)
    {
        await LoadAsync(ct);
        var found = Tables.FirstOrDefault(t => t.Id == table);
        if (found is null) return NotFound();
        var excel = string.Equals(format, "excel", StringComparison.OrdinalIgnoreCase);
        var bytes = TableExport.Csv(found, excel ? Culture : CultureInfo.InvariantCulture, excel);
        return File(bytes, "text/csv; charset=utf-8", $"{found.FileName}{(excel ? "-excel" : "")}.csv");
    }

    /// <summary>The signed-in person as the sender of a command (never a field of the form).</summary>
    protected Actor Actor => User.ToActor(HttpContext.UserName());

    /// <summary>
    /// Sends a command as the signed-in person. When the API would refuse it with a 4xx, the reasons go on the form's
    /// fields (named as the API names them, e.g. <c>count</c>, <c>serviceCode</c>) or above the form, the page is shown
    /// again with what it read, and null is returned; a fault (5xx) is not a refusal and goes up as any fault does.
    /// </summary>
    protected async Task<CommandResult?> SendAsync(object command, CancellationToken ct)
    {
        var bus = HttpContext.RequestServices.GetRequiredService<IMessageContext>();
        try
        {
            return await bus.SendAsync(command, Actor, HttpContext.CorrelationId(), ct);
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.ProblemOf(e) is { Status: < 500 } problem)
        {
            Refused(problem);
            return null;
        }
    }

    /// <summary>Puts a problem's reasons on the form: field errors under their field names, the rest above the form.</summary>
    protected void Refused(ProblemDetails problem)
    {
        _refusalStatus = problem.Status;
        if (problem is ValidationProblemDetails { Errors.Count: > 0 } validation)
            foreach (var (field, reasons) in validation.Errors)
                foreach (var reason in reasons)
                    ModelState.AddModelError(field, reason);
        else
            FormError = problem.Detail ?? problem.Title;
    }

    /// <summary>A form field the page could not read (a number that is not one): refused before anything is sent.</summary>
    protected void FieldError(string field, string reason) => ModelState.AddModelError(field, reason);

    /// <summary>A date field of the form (<c>yyyy-MM-dd</c>, as a date input sends it); a reason on the field when it is not one.</summary>
    protected DateOnly? DateField(string field, bool required = true)
    {
        var text = Posted(field).Trim();
        if (text.Length == 0)
        {
            if (required) FieldError(field, "is required");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        FieldError(field, "must be a date (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A text field of the form, trimmed; null when left empty (the command's validator says whether it may be).</summary>
    protected string? TextField(string field) => Posted(field).Trim() is { Length: > 0 } text ? text : null;

    /// <summary>What the person typed into a field of a posted form ("" on a GET): a refused form keeps its values.</summary>
    public string Posted(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    /// <summary>The page again, with its data and the reasons on the form.</summary>
    protected async Task<IActionResult> RefusedPageAsync(CancellationToken ct)
    {
        Response.StatusCode = _refusalStatus ?? StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A GET of one record (an inspection, a complaint): the page, or 404 when the record named in the address does not exist.</summary>
    protected async Task<IActionResult> PageOrNotFoundAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
            return Page();
        }
        catch (NotFound)
        {
            return NotFound();
        }
    }

    /// <summary>After <see cref="SendAsync"/>: the page again with the reasons when refused, else the message and a redirect (PRG).</summary>
    protected async Task<IActionResult> SentAsync(CommandResult? result, string flash, string redirectTo, CancellationToken ct)
    {
        if (result is null) return await RefusedPageAsync(ct);
        Flash = flash;
        return Redirect(redirectTo);
    }

    /// <summary>The reasons given for one field (matched ignoring case, as the API's field names are camelCase).</summary>
    public IEnumerable<string> ErrorsOf(string field) => ModelState
        .Where(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase))
        .SelectMany(kv => kv.Value!.Errors.Select(e => e.ErrorMessage));

    /// <summary>Reasons of fields the form has no place for (shown above it, so none is lost).</summary>
    public IEnumerable<string> OtherErrors(IEnumerable<string> formFields) => ModelState
        .Where(kv => !formFields.Contains(kv.Key, StringComparer.OrdinalIgnoreCase))
        .SelectMany(kv => kv.Value!.Errors.Select(e => $"{(kv.Key.Length == 0 ? "" : kv.Key + ": ")}{e.ErrorMessage}"));
}

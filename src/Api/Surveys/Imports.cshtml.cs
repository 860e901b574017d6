using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using ColumnKind = Monitoring.Api.Web.ColumnKind;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Import of a file of answers into a campaign — what <c>POST /api/surveys/campaigns/{code}/imports</c> does, by the same
/// importer, with the same policy (survey writers: analysts and administrators) and size limit — run in the background
/// so the page shows its progress (the status fragment is polled every second while it runs). A file with invalid rows
/// is refused whole, and each bad row is listed with its line, field and reason.
/// </summary>
[Authorize(Policy = WebPolicies.SurveyWrite)]
[ImportRequestLimits]
public sealed class ImportsModel(SurveyImportRuns runs, SurveyCampaignQueries campaigns, CatalogueQueries catalogue,
    IConfiguration configuration, IStringLocalizer<UiText> text) : SurveyPage(campaigns, catalogue, text)
{
    [BindProperty(SupportsGet = true)] public string? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Run { get; set; }
    [BindProperty] public string? Format { get; set; }
    [BindProperty] public bool SkipInvalid { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    public ImportRun? Current { get; private set; }
    public Table? Errors { get; private set; }

    /// <summary>The largest file accepted, as for the API (<c>Monitoring:Imports:MaxBytes</c>).</summary>
    public long MaxBytes => SurveyEndpoints.MaxImportBytes(configuration);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Run is not null && Current is null)
        {
            FieldError("run", T["RunNotFound"]);
            return NotFoundPage();
        }
        return Page();
    }

    /// <summary>The run's status alone (polled by the page while the import runs).</summary>
    public IActionResult OnGetStatus()
    {
        LoadRun();
        return Current is null ? NotFound() : Partial("_ImportStatus", this);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        LoadRun();
    }

    private void LoadRun()
    {
        Current = Run is { } id ? runs.Find(id, HttpContext.UserName()) : null;
        if (Current?.Result is not { Errors.Count: > 0 } report) return;
        Errors = new Table("errors", T["ErrorsCaption"],
            [new Column("line", T["Col_Line"], ColumnKind.Integer), new Column("field", T["Col_Field"]), new Column("reason", T["Col_Reason"])],
            $"import-errors-{report.CampaignCode}-{report.FileHash}");
        foreach (var error in report.Errors)
            Errors.Add(null, ("line", error.Line), ("field", error.Field), ("reason", error.Reason));
        Errors.SortFrom(Request);
        Tables.Add(Errors);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Campaign = Blank(Campaign);
        if (Campaign is null) FieldError("campaign", T["ChooseCampaign"]);
        if (Upload is not { Length: > 0 }) FieldError("file", T["ChooseFile"]);
        else if (Upload.Length > MaxBytes) FieldError("file", string.Format(T["FileTooLarge"], MaxBytes));
        var format = FormatOf(Format, Upload);
        if (format is null) FieldError("format", SurveyEndpoints.ImportFormatRule);
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        // An unknown campaign is refused now, as the API refuses it, not after the upload has gone to the background.
        if (await ReadAsync(() => CampaignAsync(Campaign!, ct)) is null) return await RefusedPageAsync(ct);

        // Spooled to disk, as the API does: the importer reads the file in passes, memory holds one chunk of rows.
        var path = Path.Combine(Path.GetTempPath(), $"monitoring-import-{Guid.NewGuid():N}");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            await Upload!.CopyToAsync(file, ct);
        var name = Path.GetFileName(Upload.FileName);
        var run = runs.Start(Campaign!, path, name.Length > 200 ? name[..200] : name, format!.Value, new ImportOptions(SkipInvalidRows: SkipInvalid),
            HttpContext.UserName(), HttpContext.CorrelationId());
        return RedirectToPage(new { run = run.Id });
    }

    /// <summary>The format chosen, else the file's extension (.csv; .jsonl, .ndjson, .json), else its content type: as the API reads it.</summary>
    private static ImportFormat? FormatOf(string? chosen, IFormFile? file) => SurveyEndpoints.ImportFormatOf(
        Blank(chosen) ?? (Path.GetExtension(file?.FileName) is { Length: > 1 } extension ? extension : file?.ContentType));

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}

/// <summary>
/// An import page's upload may be as large as the API's import (<c>Monitoring:Imports:MaxBytes</c>, 64 MiB by default)
/// and no larger: the server's and the form reader's own limits are set to it (plus the form's envelope) before the form is read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportRequestLimitsAttribute : Attribute, IResourceFilter
{
    private const long Envelope = 1024 * 1024;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var http = context.HttpContext;
        var limit = SurveyEndpoints.MaxImportBytes(http.RequestServices.GetRequiredService<IConfiguration>()) + Envelope;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>() is not { Form: not null })
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}

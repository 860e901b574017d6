using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Web;
using Monitoring.Application.Methodology;
using Monitoring.Projections.Methodology;

namespace Monitoring.Api.Methodology;

/// <summary>
/// The published methodology versions; an assessor publishes a new one from a JSON file, read exactly as the API reads
/// <c>POST /api/methodologies</c> (the same JSON options and messages) and sent as the same command.
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class IndexModel(MethodologyQueries queries, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    Microsoft.Extensions.Localization.IStringLocalizer<UiText> text) : WebPage
{
    public const int MaxFile = 1024 * 1024;
    public IReadOnlyList<MethodologyView> Versions { get; private set; } = [];
    [BindProperty] public string? Reason { get; set; }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Versions = await queries.ListAsync(ct);
        var table = new Table("versions", text["Versions"], [
            new Column("code", text["Code"]), new Column("title", text["VersionTitle"]),
            new Column("reconstructed", text["Reconstructed"], ColumnKind.Flag),
            new Column("publishedAt", text["PublishedAt"]), new Column("publishedBy", text["PublishedBy"]),
            new Column("reason", text["Reason"]),
        ], "methodologies");
        foreach (var v in Versions)
            table.Add($"/methodology/{Uri.EscapeDataString(v.Code)}", ("code", v.Code), ("title", v.Version.Title),
                ("reconstructed", v.Version.Reconstructed), ("publishedAt", v.PublishedBy.RecordedAt), ("publishedBy", v.PublishedBy.RecordedBy),
                ("reason", v.Reason));
        Tables.Add(table.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPolicy(WebPolicies.Assess)]
    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) FieldError("file", text["FileMissing"]);
        else if (file.Length > MaxFile) FieldError("file", text["FileTooLarge"]);
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);

        MethodologyVersion? version;
        try
        {
            await using var stream = file!.OpenReadStream();
            version = await JsonSerializer.DeserializeAsync<MethodologyVersion>(stream, json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            // The API's own reading of a bad body: each problem named by its JSON path, under "version".
            foreach (var (field, reasons) in ApiJson.Problems(e))
                foreach (var reason in reasons) FieldError(field == "body" ? "file" : $"version.{field}", reason);
            return await RefusedPageAsync(ct);
        }
        if (version is null)
        {
            FieldError("file", text["FileMissing"]);
            return await RefusedPageAsync(ct);
        }
        if (await SendAsync(new PublishMethodologyVersion(version, Reason ?? ""), ct) is not { } result) return await RefusedPageAsync(ct);
        Flash = string.Format(text["Published"], result.Id);
        return Redirect($"/methodology/{Uri.EscapeDataString(result.Id)}");
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Web;
using Monitoring.Projections.Methodology;

namespace Monitoring.Api.Methodology;

/// <summary>One published version as a readable table (criteria → indicators → formula, parameters, inputs, bands), and
/// its JSON (the file an assessor edits into the next version).</summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class VersionModel(MethodologyQueries queries, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : WebPage
{
    public MethodologyView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await queries.FindAsync(code, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(string code, CancellationToken ct)
    {
        if (await queries.FindAsync(code, ct) is not { } view) return NotFound();
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true };
        return File(JsonSerializer.SerializeToUtf8Bytes(view.Version, options), "application/json", $"{view.Code}.json");
    }
}

using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Web;

namespace Monitoring.Api.Audit;

/// <summary>
/// <c>/audit/streams/{streamKey}/events[?version=N]</c>: the page address of the API's stream of raw events (the pages'
/// histories link here): one version goes to its raw event page, without a version the stream's events are listed.
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class StreamModel(IQuerySession session) : WebPage
{
    [BindProperty(SupportsGet = true)] public string StreamKey { get; set; } = "";
    [BindProperty(SupportsGet = true)] public long? Version { get; set; }

    public IReadOnlyList<IEvent> Events { get; private set; } = [];

    /// <summary>The stream as named (a '/' in a key arrives still escaped in a route value).</summary>
    public string Key => StreamKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Events = await AuditEvents.StreamAsync(session, Key, null, Version, ct);
        }
        catch (NotFound)
        {
            return NotFound();
        }
        return Version is null ? Page() : Redirect($"/audit/events/{Events[0].Sequence}");
    }
}

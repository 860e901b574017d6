using System.Text.Encodings.Web;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Web;

namespace Monitoring.Api.Audit;

/// <summary>
/// <c>/audit/events/{sequence}</c>: one raw event as recorded — type, stream, version, global sequence, recording time,
/// user, correlation and causation ids, headers, and its data as formatted JSON (the API's own JSON settings) — with its
/// neighbours in the stream. What every figure's explanation links to; for those who may read raw events.
/// </summary>
[Authorize(Policy = WebPolicies.Audit)]
public sealed class EventModel(IQuerySession session, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : WebPage
{
    /// <summary>How many events of the same stream are listed on either side of this one.</summary>
    public const int Neighbours = 10;

    [BindProperty(SupportsGet = true)] public long Sequence { get; set; }

    public IEvent? Event { get; private set; }
    public string Data { get; private set; } = "";
    public IReadOnlyList<IEvent> Stream { get; private set; } = [];

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Event = await AuditEvents.BySequenceAsync(session, Sequence, ct);
        if (Event is null) return;
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Data = JsonSerializer.Serialize(Event.Data, Event.EventType, options);
        var key = Event.StreamKey ?? Event.StreamId.ToString();
        Stream = (await AuditEvents.StreamAsync(session, key, null, null, ct))
            .Where(e => Math.Abs(e.Version - Event.Version) <= Neighbours).ToList();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Event is null ? NotFound() : Page();
    }
}

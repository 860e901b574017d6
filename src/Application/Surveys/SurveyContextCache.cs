using System.Collections.Concurrent;

namespace Monitoring.Application.Surveys;

/// <summary>
/// Keeps the (campaign, service) context single answers are checked against for a couple of seconds, so a stream
/// of answers does not re-read the same campaign and passport for each one. A campaign or passport change is seen
/// by answers at most <see cref="Lifetime"/> later.
/// </summary>
public sealed class SurveyContextCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string Campaign, string Service), (SurveyContext Context, DateTimeOffset Until)> _entries = new();

    public async Task<SurveyContext> GetAsync(IQuerySession session, string campaign, string service, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue((campaign, service), out var entry) && entry.Until > now) return entry.Context;
        var context = await SurveyContext.LoadForServiceAsync(session, campaign, service, ct);
        if (_entries.Count > 10_000) _entries.Clear();
        _entries[(campaign, service)] = (context, now + Lifetime);
        return context;
    }
}

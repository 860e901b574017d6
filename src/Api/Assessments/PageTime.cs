using System.Globalization;

namespace Monitoring.Api.Assessments;

/// <summary>
/// The moment an assessment page is read "as of", and the time zone its times are shown in. A date-time picker gives a
/// local date and time: it is read in the person's time zone (the browser's, which the page's script sends as
/// <c>tz</c>), or in UTC when no zone is known. An instant with an offset (<c>…Z</c>, <c>…+05:00</c>) is taken as it is,
/// and links carry the instant, so a bookmarked link means the same moment for anyone who opens it.
/// </summary>
public sealed class PageTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    private PageTime(TimeZoneInfo zone, string? zoneId, DateTimeOffset? asOf)
    {
        Zone = zone;
        ZoneId = zoneId;
        AsOf = asOf;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone as the browser named it, when it named one the server knows.</summary>
    public string? ZoneId { get; }

    /// <summary>The moment the page is read as of; null for now.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>The zone's name and offset as shown beside the picker, e.g. <c>Asia/Almaty (UTC+05:00)</c>.</summary>
    public string ZoneName => $"{ZoneId ?? "UTC"} (UTC{(Zone.BaseUtcOffset < TimeSpan.Zero ? "−" : "+")}{Zone.BaseUtcOffset:hh\\:mm})";

    /// <summary>Reads <c>asOf</c> and <c>tz</c> of a request; a moment that cannot be read is named in <paramref name="error"/> (and ignored).</summary>
    public static PageTime Read(string? asOf, string? tz, out string? error)
    {
        var zoneId = !string.IsNullOrWhiteSpace(tz) && TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out var found) ? tz.Trim() : null;
        var zone = zoneId is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var moment = Moment(asOf, zone, out error);
        return new PageTime(zone, zoneId, moment);
    }

    /// <summary>A moment given as a local date-time of <paramref name="zone"/> or as an instant with its offset; null when empty.</summary>
    public static DateTimeOffset? Moment(string? text, TimeZoneInfo zone, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 19 && value.LastIndexOfAny(['+', '-']) > 15);
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            return instant.ToUniversalTime();
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                error = "is a time that does not exist in that time zone (clocks were moved forward)";
                return null;
            }
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        }
        error = "must be a date and time, e.g. 2018-03-01T12:00";
        return null;
    }

    /// <summary>Whether something recorded was known at the page's moment (always, for the live view).</summary>
    public bool Knew(Monitoring.Projections.Common.Provenance recorded) => AsOf is null || recorded.RecordedAt <= AsOf;

    /// <summary>A recorded moment as the person reads it: in their zone, to the second, sortable.</summary>
    public string Show(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A moment as a picker's value (local to the zone).</summary>
    public string Picker(DateTimeOffset? t) =>
        t is { } v ? TimeZoneInfo.ConvertTime(v, Zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : "";

    /// <summary>An instant as a link carries it (UTC, to the tick).</summary>
    public static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A path with the page's moment and zone kept (and any further parameters), for the links between the assessment's pages.</summary>
    public string Link(string path, params (string Key, string? Value)[] more)
    {
        var parts = new List<(string, string?)>(more);
        if (AsOf is { } t) parts.Add(("asOf", Instant(t)));
        if (ZoneId is not null) parts.Add(("tz", ZoneId));
        return With(path, parts);
    }

    /// <summary>A path with the zone only (pages over all of recording time, such as a figure's history).</summary>
    public string LinkNow(string path, params (string Key, string? Value)[] more) =>
        With(path, ZoneId is null ? more : [.. more, ("tz", ZoneId)]);

    private static string With(string path, IEnumerable<(string Key, string? Value)> parts)
    {
        var query = string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}

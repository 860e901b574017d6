using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitoring.Fuzzing;

/// <summary>The checks every answer is held to.</summary>
public static class Checks
{
    /// <summary>The API answered 5xx.</summary>
    public const string ServerError = "5xx";
    /// <summary>No answer at all: the connection was dropped or the request timed out.</summary>
    public const string NoAnswer = "no answer";
    /// <summary>A 4xx that is not RFC 7807 ProblemDetails (or a 400 that names neither a field nor a detail).</summary>
    public const string ProblemFormat = "4xx not ProblemDetails";
    /// <summary>
    /// A 4xx written by Kestrel itself before any application code ran (e.g. a NUL in the path): no correlation header,
    /// no body. Counted apart: the application cannot shape these answers.
    /// </summary>
    public const string ServerRejected = "4xx from Kestrel before the application";
    /// <summary>A refused (4xx) request that stored events all the same.</summary>
    public const string StateChange = "refused but stored";

    /// <summary>(a) never 5xx; (b) every 4xx is application/problem+json with status and title, and a 400 names a field or gives a detail.</summary>
    public static IEnumerable<string> Answer(int status, string? contentType, string body)
    {
        if (status >= 500) yield return $"{ServerError}: {status}";
        if (status is < 400 or >= 500) yield break;
        if (contentType is null || !contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
            yield return $"{ProblemFormat}: Content-Type is '{contentType ?? "(none)"}'";
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            root = default;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield return $"{ProblemFormat}: the body is not a JSON object";
            yield break;
        }
        if (!root.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number)
            yield return $"{ProblemFormat}: no numeric \"status\"";
        if (!root.TryGetProperty("title", out var t) || t.ValueKind != JsonValueKind.String || t.GetString()!.Length == 0)
            yield return $"{ProblemFormat}: no \"title\"";
        if (status == 400)
        {
            var namesField = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any();
            var hasDetail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String && d.GetString()!.Trim().Length > 0;
            if (!namesField && !hasDetail) yield return $"{ProblemFormat}: a 400 with neither \"errors\" naming a field nor a \"detail\"";
        }
    }
}

/// <summary>What happened to one request.</summary>
public sealed record FuzzOutcome(
    FuzzRequest Request,
    string CorrelationId,
    int Status,
    string? ContentType,
    string Body,
    IReadOnlyList<string> Failures,
    IReadOnlyList<StoredEvent> StoredByRequest,
    bool SequenceGap,
    bool OtherWritersMeanwhile,
    TimeSpan Elapsed,
    string? LogExcerpt = null)
{
    public bool Refused => Status is >= 400 and < 500;
    public bool Failed => Failures.Count > 0;

    public string Describe() =>
        $"{Request.Describe()} → {(Status == 0 ? "no answer" : Status.ToString())}; {FuzzRequest.Shorten(Body.ReplaceLineEndings(" "), 300)}" +
        (StoredByRequest.Count > 0 ? $"; stored: {string.Join(", ", StoredByRequest.Select(e => $"{e.EventType} on {e.StreamKey}"))}" : "") +
        $" (correlation {CorrelationId})" + (LogExcerpt is null ? "" : $"\n      API log: {LogExcerpt}");
}

/// <summary>
/// Sends requests one at a time and checks each answer and the event store around it. One at a time, so that a change of
/// the event store between the two readings belongs to that request; events are also matched by the correlation id the
/// request carried, so a background job writing at the same moment is told apart.
/// </summary>
public sealed class FuzzRunner(HttpClient client, IEventStoreProbe probe)
{
    private int _sent;
    private StoreState? _last;

    /// <summary>Kestrel's default request body limit: past it the server closes the connection before the application runs.</summary>
    private const long KestrelBodyLimit = 30_000_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The API's log file, if known: the lines it gains while a request fails with 5xx are that request's error
    /// (requests go one at a time), and their exception lines are attached to the outcome.</summary>
    public string? ApiLog { get; init; }

    private long LogLength() => ApiLog is not null && File.Exists(ApiLog) ? new FileInfo(ApiLog).Length : 0;

    private async Task<string?> LogExcerptAsync(long from, CancellationToken ct)
    {
        if (ApiLog is null) return null;
        // The console logger writes on its own thread: give it a moment to flush.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await Task.Delay(100, ct);
            await using var stream = new FileStream(ApiLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length <= from) continue;
            stream.Seek(from, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync(ct)).Split('\n').Select(l => l.Trim()).ToList();
            var start = lines.FindIndex(l => l.StartsWith("Unhandled failure"));
            if (start < 0) continue;
            var relevant = lines.Skip(start).Where(l => l.StartsWith("Unhandled failure") || l.Contains("Exception") && !l.StartsWith("at ")
                                                        || l.StartsWith("at Monitoring.")).Take(4);
            return string.Join(" | ", relevant.Select(l => FuzzRequest.Shorten(l, 240)));
        }
        return null;
    }

    public async Task<FuzzOutcome> SendAsync(FuzzRequest request, CancellationToken ct = default)
    {
        var correlation = $"fuzz-{Interlocked.Increment(ref _sent)}-{Guid.NewGuid().ToString("N")[..8]}";
        // The reading after the previous request serves as this one's "before": requests go one at a time, and what a
        // background writer stores in between is told apart by correlation id. Halves the statistics queries, whose
        // count(*) grows with the store.
        var before = _last ?? await probe.ReadAsync(ct);

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        message.Headers.Add("X-Correlation-Id", correlation);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        var logFrom = LogLength();
        var watch = Stopwatch.StartNew();
        int status;
        string? contentType;
        string body;
        var fromApplication = true;
        var notSent = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using var response = await client.SendAsync(message, timeout.Token);
            status = (int)response.StatusCode;
            contentType = response.Content.Headers.ContentType?.ToString();
            body = await response.Content.ReadAsStringAsync(timeout.Token);
            // Kestrel's own rejections (bad request line, NUL in the path) are empty and close the connection; every answer
            // the application writes has a body (ProblemDetails at least). The correlation header cannot tell them
            // apart: the exception handler clears the headers of error answers.
            fromApplication = body.Length > 0 || response.Headers.ConnectionClose != true;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-process test client will not even send a NUL in a path (Kestrel refuses it on the wire): nothing
            // reached the application, so there is nothing to check but the event store, below.
            status = 400;
            contentType = null;
            body = "not sent: the in-process client refuses a NUL in a path";
            notSent = true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            status = 0;
            contentType = null;
            body = $"{e.GetType().Name}: {e.Message}";
        }
        watch.Stop();

        List<string> failures = notSent ? []
            : status == 0 && request.Body?.Length > KestrelBodyLimit
                ? [$"{Checks.ServerRejected}: connection closed while sending {request.Body.Length / 1_000_000} MB (over Kestrel's 30 MB limit)"]
            : status == 0 ? [$"{Checks.NoAnswer}: {body}"]
            : status is >= 400 and < 500 && !fromApplication ? [$"{Checks.ServerRejected}: {status}"]
            : Checks.Answer(status, contentType, body).ToList();
        var after = await probe.ReadAsync(ct);
        _last = after;
        IReadOnlyList<StoredEvent> mine = [];
        var others = false;
        var refused = status is >= 400 and < 500 || status == 0 || status >= 500;
        if (refused && after.StoredSomethingSince(before))
        {
            var events = await probe.EventsAfterAsync(before.HighestSequence, ct);
            // Events without a correlation id cannot be told apart: they count against the request.
            mine = events.Where(e => e.CorrelationId is null || e.CorrelationId == correlation).ToList();
            others = mine.Count < events.Count;
            if (mine.Count > 0) failures.Add($"{Checks.StateChange}: {string.Join(", ", mine.Select(e => e.EventType).Distinct())}");
        }
        var gap = refused && !after.StoredSomethingSince(before) && after.SequenceValue != before.SequenceValue;
        var excerpt = status >= 500 ? await LogExcerptAsync(logFrom, ct) : null;
        return new FuzzOutcome(request, correlation, status, contentType, body, failures, mine, gap, others, watch.Elapsed, excerpt);
    }
}

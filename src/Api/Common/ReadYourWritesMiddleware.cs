using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Projections.Common;

namespace Monitoring.Api.Common;

/// <summary>
/// Read-your-writes by event sequence, and where each read came from.
/// <list type="bullet">
/// <item>A write answers with <c>X-Event-Sequence</c>: the highest event sequence it committed (none when it appended nothing).</item>
/// <item>An API read of the query services goes to the replica when one is configured and answering
/// (<see cref="ReadReplica.IsAvailable"/>), else to the primary, and says so: <c>X-Read-Source</c> (<c>replica</c> or
/// <c>primary</c>) and <c>X-Read-Sequence</c>, the sequence the answer reflects at least (the survey read model's progress
/// for the reads that use it).</item>
/// <item>A read may name the last sequence its caller wrote (<c>X-Min-Sequence</c>): it is then answered only once its
/// source holds that event — and so, replaying the primary's commits in order, everything committed before it — and,
/// for reads of the survey read model, has projected up to it. It waits up to <see cref="ReadReplicaSettings.MaxWait"/>,
/// then refuses: 412 with Retry-After, never an older answer. A sequence that is no event's is refused at once (400).</item>
/// </list>
/// </summary>
public sealed class ReadYourWritesMiddleware(RequestDelegate next, ReadSideTypes types, ReadReplicaSettings settings)
{
    public const string EventSequenceHeader = "X-Event-Sequence";
    public const string MinSequenceHeader = "X-Min-Sequence";
    public const string ReadSourceHeader = "X-Read-Source";
    public const string ReadSequenceHeader = "X-Read-Sequence";

    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var written = WrittenSequence.Track();
            http.Response.OnStarting(() =>
            {
                if (written.Sequence > 0) http.Response.Headers[EventSequenceHeader] = Text(written.Sequence);
                return Task.CompletedTask;
            });
            await next(http);
            return;
        }

        var kind = http.Request.Path.StartsWithSegments("/api") && http.GetEndpoint() is { } endpoint ? types.KindOf(endpoint) : ReadKind.None;
        if (kind == ReadKind.None)
        {
            await next(http);
            return;
        }

        long? minimum = null;
        if (http.Request.Headers.TryGetValue(MinSequenceHeader, out var raw))
        {
            if (raw.Count != 1 || !long.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                await RefuseAsync(http, problems, "must be one positive whole number: the X-Event-Sequence of your last write");
                return;
            }
            minimum = value;
        }

        var replica = http.RequestServices.GetService<ReadReplica>();
        var side = http.RequestServices.GetRequiredService<ReadSide>();
        if (replica?.IsAvailable(settings, DateTimeOffset.UtcNow) == true) side.UseReplica();
        var readModels = kind == ReadKind.ReadModels;
        // Without a minimum the replica's latest sample says it: both sequences only grow, so the answer reflects at least that.
        long? readSequence = side.Source == ReadSource.Replica && replica!.State is { } sampled
            ? (readModels ? sampled.ReadModelSequence : sampled.Sequence)
            : null;

        if (minimum is { } min)
        {
            var (outcome, position) = await WaitAsync(side, min, readModels, http.RequestAborted);
            readSequence = position.ReadSequence(readModels);
            if (outcome == Outcome.NoSuchEvent)
            {
                await RefuseAsync(http, problems, $"names no recorded event ({min}): send the X-Event-Sequence a write answered, or an X-Read-Sequence");
                return;
            }
            if (outcome == Outcome.NotYet)
            {
                await NotYetAsync(http, problems, side.Source, min, readSequence.Value);
                return;
            }
        }

        if (replica is not null || minimum is not null)
            http.Response.OnStarting(() =>
            {
                // The replica answered only if a query service was made on it (a failure before any query did not read it).
                var source = side.ReplicaUsed ? ReadSource.Replica : ReadSource.Primary;
                http.Response.Headers[ReadSourceHeader] = Name(source);
                if (readSequence is { } sequence && source == side.Source) http.Response.Headers[ReadSequenceHeader] = Text(sequence);
                return Task.CompletedTask;
            });
        if (side.Source != ReadSource.Replica)
        {
            await next(http);
            return;
        }
        var services = http.RequestServices;
        http.RequestServices = new ReplicaServices(services, side, types);
        try
        {
            await next(http);
        }
        finally
        {
            http.RequestServices = services;
        }
    }

    private enum Outcome { Reached, NotYet, NoSuchEvent }

    /// <summary>Asks the source where it stands, again with growing pauses, until it reflects <paramref name="minimum"/> or the wait is over.</summary>
    private async Task<(Outcome, SourcePosition)> WaitAsync(ReadSide side, long minimum, bool readModels, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // A standby streaming from a primary that commits synchronously is milliseconds behind: ask again soon, then less often.
        var pause = TimeSpan.FromMilliseconds(5);
        for (var first = true; ; first = false)
        {
            var position = await side.PositionAsync(minimum, readModels, ct);
            if (position.Reflects(minimum, readModels)) return (Outcome.Reached, position);
            // A replica may not have it yet; the primary holds every event ever committed.
            if (first && !position.HoldsEvent && (side.Source == ReadSource.Primary || !await side.PrimaryHoldsAsync(minimum, ct)))
                return (Outcome.NoSuchEvent, position);
            var left = settings.MaxWait - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return (Outcome.NotYet, position);
            await Task.Delay(pause < left ? pause : left, ct);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private static Task RefuseAsync(HttpContext http, IProblemDetailsService problems, string reason)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemDetailsExceptionHandler.Validation(new Dictionary<string, string[]> { [MinSequenceHeader] = [reason] }),
        }).AsTask();
    }

    private Task NotYetAsync(HttpContext http, IProblemDetailsService problems, ReadSource source, long minimum, long reached)
    {
        http.Response.StatusCode = StatusCodes.Status412PreconditionFailed;
        http.Response.Headers.RetryAfter = Text((long)Math.Ceiling(Math.Max(1, settings.SampleEvery.TotalSeconds)));
        http.Response.Headers[ReadSourceHeader] = Name(source);
        http.Response.Headers[ReadSequenceHeader] = Text(reached);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "Not yet readable",
            Detail = $"The {Name(source)} does not yet reflect sequence {minimum} ({MinSequenceHeader}); it reflects {reached}. " +
                     $"Ask again after Retry-After seconds, or read without {MinSequenceHeader} to get what it has now.",
        };
        problem.Extensions["minSequence"] = minimum;
        problem.Extensions["readSequence"] = reached;
        problem.Extensions["readSource"] = Name(source);
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }

    private static string Name(ReadSource source) => source == ReadSource.Replica ? "replica" : "primary";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

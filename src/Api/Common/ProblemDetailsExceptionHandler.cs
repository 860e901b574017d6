using FluentValidation;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Monitoring.Api.Common;

/// <summary>
/// Turns every failure into RFC 7807 ProblemDetails: invalid input 400 naming each field and reason, a body the sender
/// may not act for 403, unknown id 404, a stale expected version or a forbidden transition 409. Nothing has been written when these are thrown: validation
/// runs before the handler, and rule checks throw before the transaction commits.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Map(Unwrap(exception));
        var correlation = http.CorrelationId();
        if (problem is null)
        {
            // A real fault: logged in full under the correlation id the client is given to quote.
            logger.LogError(exception, "Unhandled failure on {Method} {Path} (correlation {CorrelationId})", http.Request.Method, http.Request.Path, correlation);
            problem = Problem(500, "Internal error", "The request failed on our side. Quote the correlation id when you report it.");
        }
        else if (problem.Status >= 500)
            logger.LogWarning(exception, "{Status} on {Method} {Path} (correlation {CorrelationId})", problem.Status, http.Request.Method, http.Request.Path, correlation);
        else
        {
            // The client's mistake or an expected conflict, answered with the reason: a line for the record, no stack trace.
            http.Items[CorrelationMiddleware.RefusalLogged] = true;
            logger.LogInformation("{Status} {Title} on {Method} {Path} for {User}: {Detail} (correlation {CorrelationId})", problem.Status,
                problem.Title, http.Request.Method, http.Request.Path, http.UserName(), problem.Detail, correlation);
        }
        problem.Extensions["correlationId"] = correlation;
        http.Response.StatusCode = problem.Status!.Value;
        // The exception handler clears the response headers: the client still gets the id to quote.
        http.Response.Headers[CorrelationMiddleware.Header] = correlation;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The status a failure is answered with (409 for "already recorded" and conflicts), or null for an unexpected one.</summary>
    public static int? StatusOf(Exception exception) => Map(Unwrap(exception))?.Status;

    /// <summary>The problem a failure is answered with (the pages show it on their forms), or null for an unexpected one.</summary>
    public static ProblemDetails? ProblemOf(Exception exception) => Map(Unwrap(exception));

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && e.InnerException is not null)
            e = e.InnerException!;
        return e;
    }

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        ValidationException v => Validation(v.Errors
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        Monitoring.Application.Auth.BodyForbidden f => Problem(403, f.Title, f.Message),
        DomainRuleViolation d => Validation(d.Errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).Distinct().ToArray())),
        BadHttpRequestException { InnerException: JsonException json } => Validation(ApiJson.Problems(json)),
        JsonException json => Validation(ApiJson.Problems(json)),
        BadHttpRequestException bad => Problem(bad.StatusCode, "The request could not be read", bad.Message),
        NotFound nf => Problem(404, $"{nf.What} not found", nf.Message),
        Wolverine.Persistence.RequiredDataMissingException missing => Problem(404, "Not found", missing.Message),
        InvalidTransition t => Problem(409, "Not allowed in the current state", t.Message),
        AlreadyRecorded already => Problem(409, "Already recorded", already.Message),
        _ when Monitoring.Projections.Surveys.ResponseIds.IsTakenConflict(exception) => Problem(409, "Already recorded",
            "That response id is already recorded in the campaign (it counts once, whichever way it came); nothing was changed"),
        _ when StreamCollision.Is(exception, out var key) => Problem(409, "Already exists",
            $"'{key}' is already recorded; nothing was changed"),
        _ when Postgres(exception, PostgresErrorCodes.UniqueViolation) is { } pg => Problem(409, "Already exists",
            $"That record is already there ({pg.TableName ?? pg.ConstraintName}); nothing was changed"),
        // Marten's quick append reports a stream that is not at the expected version (a stream started twice) as MT003.
        _ when Postgres(exception, "MT003") is { } pg => Problem(409, "Already exists or changed meanwhile",
            $"{pg.MessageText}; nothing was changed"),
        StaleExpectedVersion stale => Problem(409, "Concurrency conflict", stale.Message + " Nothing was changed."),
        ConcurrencyException => Problem(409, "Concurrency conflict",
            "Another writer changed the record at the same moment, and retrying did not get through. Nothing was changed; send it again."),
        // The database itself failed (restarted, connection cut): what was committed stays and the rest did not happen.
        // Every write is idempotent on its keys, so the client sends the same request again.
        _ when DatabaseUnavailable(exception) => Problem(503, "The database is unavailable",
            "The database failed during the request. Whatever was committed stays whole, nothing half-written; " +
            "send the same request again to complete it."),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static bool DatabaseUnavailable(Exception e) => Chain(e).Any(x =>
        x is NpgsqlException { IsTransient: true } or PostgresException { SqlState: ['0', '8', ..] or ['5', '7', 'P', ..] }
        || x is NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or EndOfStreamException });

    /// <summary>A PostgreSQL error of the given SQLSTATE, however Marten wrapped it.</summary>
    private static PostgresException? Postgres(Exception e, string sqlState) =>
        Chain(e).OfType<PostgresException>().FirstOrDefault(pg => pg.SqlState == sqlState);

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>400 naming each field and its reasons: the one shape of every refused input.</summary>
    public static ValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = 400,
        Title = "The request is invalid",
        Detail = string.Join("; ", errors.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}")),
    };

    /// <summary>"Passport.ChannelTerms[0].Value" → "passport.channelTerms[0].value", matching the JSON the client sent.</summary>
    public static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Application.Auth;

namespace Monitoring.Api.Auth;

/// <summary>
/// A command refused because its sender may not act for the body it concerns: 403 ProblemDetails. Registered before
/// the general handler; the refusal is thrown before anything is appended, so nothing was written.
/// </summary>
public sealed class BodyForbiddenExceptionHandler(IProblemDetailsService problemDetails, ILogger<BodyForbiddenExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var forbidden = Find(exception);
        if (forbidden is null) return false;
        logger.LogWarning("Refused {Method} {Path} for {User}: {Reason}", http.Request.Method, http.Request.Path, http.User.FindFirst("sub")?.Value,
            forbidden.Message);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = 403, Title = forbidden.Title, Detail = forbidden.Message },
            Exception = exception,
        });
    }

    private static BodyForbidden? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is BodyForbidden forbidden) return forbidden;
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) return Find(aggregate.InnerExceptions[0]);
        }
        return null;
    }
}

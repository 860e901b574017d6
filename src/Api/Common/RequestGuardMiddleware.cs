namespace Monitoring.Api.Common;

/// <summary>
/// Refuses, before routing, a path or query string carrying control or bidi-override characters (<c>%00</c>, U+202E):
/// the same rule <see cref="InputHygiene"/> applies to bodies, answered with the same ProblemDetails naming where.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var errors = new Dictionary<string, string[]>();
        var path = http.Request.Path.Value ?? "";
        if (path.Length > 2_000) errors["path"] = ["is too long"];
        else if (InputHygiene.CharacterProblem(path, multiline: false) is { } why) errors["path"] = [why];
        foreach (var (key, values) in http.Request.Query)
        {
            if (InputHygiene.CharacterProblem(key, multiline: false) is { } badKey) { errors["query"] = [$"a parameter name {badKey}"]; break; }
            foreach (var value in values)
                if (value is not null && InputHygiene.CharacterProblem(value, multiline: false) is { } why2 && !errors.ContainsKey(key))
                    errors[key] = [why2];
        }
        if (errors.Count == 0)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = 400;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemDetailsExceptionHandler.Validation(errors),
        });
    }
}

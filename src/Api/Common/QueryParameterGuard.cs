using System.Reflection;

namespace Monitoring.Api.Common;

/// <summary>
/// A query parameter the endpoint does not read is refused (400 naming it and what the endpoint reads), never ignored: a
/// misspelt or unsupported filter (<c>?body=</c> where there is none) would otherwise answer with unfiltered figures
/// that look filtered.
/// </summary>
public static class QueryParameterGuard
{
    public static TBuilder RejectUnknownQuery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var known = context.MethodInfo.GetParameters()
                .Select(p => p.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name ?? p.Name!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var listed = string.Join(", ", context.MethodInfo.GetParameters().Where(Readable).Select(p => p.Name));
            return invocation =>
            {
                var unknown = invocation.HttpContext.Request.Query.Keys.Where(k => !known.Contains(k)).ToList();
                if (unknown.Count == 0) return next(invocation);
                return ValueTask.FromResult<object?>(Results.ValidationProblem(
                    unknown.Take(10).ToDictionary(Quote.Shorten,
                        _ => new[] { listed.Length == 0 ? "this endpoint reads no query parameter" : $"not a parameter of this endpoint (it reads: {listed})" }),
                    title: "Unknown query parameter",
                    extensions: new Dictionary<string, object?> { ["correlationId"] = invocation.HttpContext.CorrelationId() }));
            };
        });

    // Parameters a client can send (simple values), not services the endpoint takes from the container.
    private static bool Readable(ParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset) ||
               type == typeof(DateOnly) || type == typeof(DateTime);
    }
}

using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Monitoring.Api.Common;

/// <summary>
/// How request bodies are read. Strict on purpose: a field the record requires must be sent (no silent enum or zero
/// defaults), null only where the record allows it, enums by name only (999 is not a gender), no unknown fields (a
/// misspelt "expectedVersion" must not be ignored silently), and no absurd nesting.
/// </summary>
public static partial class ApiJson
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        o.RespectNullableAnnotations = true;
        // A constructor parameter must be sent when it has no default and cannot be null; a nullable one may be left out.
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver())
            .WithAddedModifier(RequireNonNullableParameters);
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.MaxDepth = 32;
    }

    private static void RequireNonNullableParameters(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false }) property.IsRequired = true;
    }

    /// <summary>The fields and reasons of a body the serializer refused, in the client's terms (no .NET type names).</summary>
    public static Dictionary<string, string[]> Problems(JsonException json)
    {
        var at = Field(json.Path);
        var message = json.Message;
        var missing = MissingProperties().Match(message);
        if (missing.Success)
        {
            var names = QuotedName().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value);
            return names.ToDictionary(n => at == "body" ? n : $"{at}.{n}", _ => new[] { "is required" });
        }
        if (message.Contains("doesn't allow null", StringComparison.Ordinal) || message.Contains("non-nullable", StringComparison.Ordinal))
            return new() { [at] = ["must not be null"] };
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) ||
            message.Contains("UnmappedMemberHandling", StringComparison.Ordinal))
            return new() { [at] = ["is not a field of this request"] };
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return new() { [at] = ["is nested too deeply"] };
        var reason = json.InnerException is FormatException or OverflowException or InvalidOperationException
            ? json.InnerException.Message
            : "has a value of the wrong type or format";
        if (reason.Contains("System.", StringComparison.Ordinal) || reason.Contains("Monitoring.", StringComparison.Ordinal))
            reason = "has a value of the wrong type or format";
        return new() { [at] = [reason] };
    }

    public static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');

    [GeneratedRegex(@"missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedName();
}

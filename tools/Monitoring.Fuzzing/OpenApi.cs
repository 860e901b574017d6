using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitoring.Fuzzing;

/// <summary>A parameter of an operation (path or query) with its schema.</summary>
public sealed record ApiParameter(string Name, string In, bool Required, Schema Schema);

/// <summary>One write operation of the API as the OpenAPI document describes it.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, string? OperationId, IReadOnlyList<ApiParameter> Parameters,
    string? ContentType, Schema? Body)
{
    public string Name => OperationId ?? $"{Method} {PathTemplate}";
    public override string ToString() => $"{Method} {PathTemplate}";

    /// <summary>The survey file import takes a text body (CSV or JSON lines), not a JSON document.</summary>
    public bool IsTextImport => ContentType is not null &&
                                (!ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) || ContentType.Contains("ndjson"));
}

/// <summary>
/// A schema of the document with its references resolved. Only what the generator needs: types (OpenAPI 3.1 type
/// lists such as ["null","integer","string"] are read as "nullable integer": the string alternative is ASP.NET's
/// number-from-string leniency, not a second meaning), enums, formats, required, properties, items, dictionaries.
/// </summary>
public sealed class Schema
{
    private readonly JsonObject _node;
    private readonly OpenApiDocument _doc;

    internal Schema(JsonObject node, OpenApiDocument doc, string? refName)
    {
        _doc = doc;
        RefName = refName;
        // oneOf [null, $ref] is how the document says "nullable reference".
        var oneOf = node["oneOf"] as JsonArray ?? node["anyOf"] as JsonArray;
        if (oneOf is not null)
        {
            var alternatives = oneOf.OfType<JsonObject>().ToList();
            if (alternatives.Any(a => a["type"]?.GetValueKind() == JsonValueKind.String && (string?)a["type"] == "null")) Nullable = true;
            var real = alternatives.FirstOrDefault(a => !(a["type"]?.GetValueKind() == JsonValueKind.String && (string?)a["type"] == "null"));
            if (real is not null)
            {
                var resolved = doc.Resolve(real, out var name);
                RefName ??= name;
                node = resolved;
            }
        }
        else if (node["$ref"] is not null)
        {
            node = doc.Resolve(node, out var name);
            RefName = name;
        }
        _node = node;

        var types = new List<string>();
        switch (node["type"])
        {
            case JsonArray array: types.AddRange(array.Select(t => (string)t!)); break;
            case JsonValue value: types.Add((string)value!); break;
        }
        if (types.Remove("null")) Nullable = true;
        // ["integer","string"] with a number pattern: the string form is only leniency.
        if (types.Count > 1 && types.Contains("string")) types.Remove("string");
        Type = types.FirstOrDefault() ?? (node["enum"] is not null ? "enum" : node["properties"] is not null ? "object" : "any");
        if (node["enum"] is JsonArray e) { Enum = e.Where(v => v is not null).Select(v => v!.ToString()).ToArray(); Type = "enum"; }
        Format = (string?)node["format"];
        Required = node["required"] is JsonArray r ? r.Select(x => (string)x!).ToHashSet() : [];
    }

    public string? RefName { get; }
    /// <summary>object, array, string, integer, number, boolean, enum, any.</summary>
    public string Type { get; }
    public bool Nullable { get; }
    public string? Format { get; }
    public IReadOnlyList<string>? Enum { get; }
    public IReadOnlySet<string> Required { get; }

    public IEnumerable<(string Name, Schema Schema)> Properties =>
        _node["properties"] is JsonObject props
            ? props.Select(p => (p.Key, new Schema((JsonObject)p.Value!, _doc, null)))
            : [];

    public Schema? Items => _node["items"] is JsonObject items ? new Schema(items, _doc, null) : null;

    /// <summary>The value schema of a dictionary (<c>additionalProperties</c>), if this is one.</summary>
    public Schema? DictionaryValues => _node["additionalProperties"] is JsonObject values ? new Schema(values, _doc, null) : null;

    public bool IsDate => Type == "string" && Format == "date";
    public bool IsDateTime => Type == "string" && Format == "date-time";
    public bool IsNumeric => Type is "integer" or "number";
}

/// <summary>The OpenAPI document the API serves at <c>/openapi/v1.json</c>.</summary>
public sealed class OpenApiDocument
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];
    private readonly JsonObject _root;

    public OpenApiDocument(string json)
    {
        _root = JsonNode.Parse(json)!.AsObject();
        Operations = ReadOperations().ToList();
    }

    /// <summary>Every POST/PUT/PATCH/DELETE of the document, in document order.</summary>
    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<OpenApiDocument> LoadAsync(HttpClient client, CancellationToken ct = default)
    {
        using var response = await client.GetAsync("/openapi/v1.json", ct);
        response.EnsureSuccessStatusCode();
        return new OpenApiDocument(await response.Content.ReadAsStringAsync(ct));
    }

    internal JsonObject Resolve(JsonObject node, out string? name)
    {
        name = null;
        var guard = 0;
        while (node["$ref"] is JsonValue reference && guard++ < 32)
        {
            var path = ((string)reference!).TrimStart('#', '/').Split('/');
            JsonNode? target = _root;
            foreach (var segment in path) target = target?[segment.Replace("~1", "/").Replace("~0", "~")];
            name = path[^1];
            node = target as JsonObject ?? throw new InvalidOperationException($"Unresolvable reference {(string)reference!}");
        }
        return node;
    }

    private IEnumerable<ApiOperation> ReadOperations()
    {
        foreach (var (path, item) in _root["paths"]!.AsObject())
        {
            foreach (var (method, opNode) in item!.AsObject())
            {
                if (!WriteMethods.Contains(method) || opNode is not JsonObject op) continue;
                var parameters = (op["parameters"] as JsonArray ?? [])
                    .Concat(item["parameters"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(p => Resolve(p, out _))
                    .Select(p => new ApiParameter((string)p["name"]!, (string)p["in"]!, (bool?)p["required"] ?? false,
                        new Schema(p["schema"] as JsonObject ?? new JsonObject(), this, null)))
                    .ToList();
                string? contentType = null;
                Schema? body = null;
                if (op["requestBody"] is JsonObject rb && Resolve(rb, out _)["content"] is JsonObject content && content.Count > 0)
                {
                    // Prefer JSON; a text-only body (CSV import) keeps its first media type.
                    var chosen = content.FirstOrDefault(c => c.Key.Contains("json") && !c.Key.Contains("ndjson"));
                    if (chosen.Key is null) chosen = content.First();
                    contentType = chosen.Key;
                    body = new Schema(chosen.Value?["schema"] as JsonObject ?? new JsonObject(), this, null);
                }
                yield return new ApiOperation(method.ToUpperInvariant(), path, (string?)op["operationId"], parameters, contentType, body);
            }
        }
    }
}

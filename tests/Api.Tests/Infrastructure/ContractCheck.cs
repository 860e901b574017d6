using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// The API's OpenAPI document held to the traffic of the test suite, as a validating proxy built from it (Prism) would:
/// every request the API accepted (2xx) must validate against its operation's request body, and every JSON response the
/// API sent must validate against the schema documented for its status code, which must be documented. Requests the API
/// refused are hostile input on purpose and are not held to the document; their answers are. A mismatch fails the test
/// that made the request, naming the operation, the status and the schema's complaint.
/// </summary>
public sealed partial class ContractCheck
{
    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;
    private readonly List<(string Template, Regex Pattern, int Parameters)> _templates;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <summary>Exchanges checked, by operation and status: what the suite's traffic covered.</summary>
    public static readonly ConcurrentDictionary<string, int> Checked = new();

    static ContractCheck()
    {
        // CONTRACT_COVERAGE=file: the operations and statuses the run's traffic covered, written when the run ends.
        if (Environment.GetEnvironmentVariable("CONTRACT_COVERAGE") is { Length: > 0 } coverage)
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                File.WriteAllLines(coverage, Checked.OrderBy(c => c.Key).Select(c => $"{c.Value,6} {c.Key}"));
    }

    public ContractCheck(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        _paths = root["paths"]!.AsObject();
        _definitions = root["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        _templates = _paths.Select(p => (p.Key, new Regex("^" + Parameter().Replace(Regex.Escape(p.Key).Replace(@"\{", "{"), "[^/]+") + "$"),
            p.Key.Count(c => c == '{'))).ToList();
    }

    /// <summary>A handler for a client of the test host that checks every exchange against the document.</summary>
    public DelegatingHandler Handler(HttpMessageHandler inner) => new Checking(this) { InnerHandler = inner };

    /// <summary>The mismatches of one exchange with the document; empty when it conforms or is not an API operation.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(HttpRequestMessage request, HttpResponseMessage response)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return [];
        var method = request.Method.Method.ToLowerInvariant();
        var template = _templates.Where(t => t.Pattern.IsMatch(path)).OrderBy(t => t.Parameters).Select(t => t.Template)
            .FirstOrDefault(t => _paths[t]![method] is not null);
        var status = (int)response.StatusCode;
        if (template is null)
            // An unknown path or method is answered 404/405 by routing itself: only a success would be undocumented.
            return status is 404 or 405 || status >= 400 ? [] : [$"{request.Method} {path}: answered {status} but the document has no such operation"];

        var operation = _paths[template]![method]!.AsObject();
        var name = $"{request.Method} {template}";
        var violations = new List<string>();

        if (status is >= 200 and < 300 && request.Content is { } content && IsJson(content.Headers.ContentType?.MediaType))
        {
            var schema = operation["requestBody"]?["content"]?[content.Headers.ContentType!.MediaType!]?["schema"]
                         ?? operation["requestBody"]?["content"]?["application/json"]?["schema"];
            var body = await content.ReadAsStringAsync();
            if (body.Length == 0)
            {
                // No body at all: allowed where the document does not require one.
                if (operation["requestBody"]?["required"]?.GetValue<bool>() == true) violations.Add($"{name}: accepted an empty body the document requires");
            }
            else if (schema is null) violations.Add($"{name}: accepted a JSON body the document does not describe");
            else violations.AddRange(Validate($"{name} request", schema, body, request: true));
        }

        var responses = operation["responses"]?.AsObject();
        var documented = responses?[status.ToString()] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (documented is null)
            violations.Add($"{name}: answered {status}, which the document does not list (it lists {string.Join(", ", responses?.Select(r => r.Key) ?? [])})");
        else
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var contentBody = response.Content.Headers.ContentLength is 0 ? "" : await response.Content.ReadAsStringAsync();
            if (IsJson(mediaType) && contentBody.Length > 0)
            {
                var described = documented["content"]?.AsObject();
                var schema = described?[mediaType!]?["schema"] ?? described?.FirstOrDefault(c => IsJson(c.Key)).Value?["schema"];
                if (schema is null) violations.Add($"{name}: answered {status} with {mediaType}, which the document does not describe for it");
                else violations.AddRange(Validate($"{name} {status} response", schema, contentBody));
            }
        }
        Checked.AddOrUpdate($"{name} {status}", 1, (_, n) => n + 1);
        return violations;
    }

    private IEnumerable<string> Validate(string what, JsonNode schemaNode, string json, bool request = false)
    {
        var key = schemaNode.ToJsonString();
        var schema = _schemas.GetOrAdd((request ? "request:" : "response:") + key, _ =>
        {
            // The document's schemas point into components; the validated schema carries them as its own $defs.
            var root = JsonNode.Parse(key.Replace("#/components/schemas/", "#/$defs/"))!.AsObject();
            root["$defs"] = JsonNode.Parse(_definitions.ToJsonString().Replace("#/components/schemas/", "#/$defs/"));
            // A readOnly property is not read from a request (OpenAPI 3.1): whatever a request sends there is ignored.
            if (request) IgnoreReadOnly(root);
            return JsonSchema.FromText(root.ToJsonString());
        });
        JsonNode? instance;
        try { instance = JsonNode.Parse(json); }
        catch (JsonException e) { return [$"{what}: not JSON ({e.Message})"]; }
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e =>
                $"{what}: at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Take(5).Append($"{what}: body {Shorten(json)}");
    }

    private static void IgnoreReadOnly(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject properties)
                    foreach (var name in properties.Where(p => p.Value?["readOnly"]?.GetValue<bool>() == true).Select(p => p.Key).ToList())
                        properties[name] = new JsonObject();
                foreach (var child in o.Select(p => p.Value).ToList()) IgnoreReadOnly(child);
                break;
            case JsonArray a:
                foreach (var child in a) IgnoreReadOnly(child);
                break;
        }
    }

    private static string Shorten(string s) => s.Length <= 400 ? s : s[..400] + "…";

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    private sealed class Checking(ContractCheck contract) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Content is not null) await request.Content.LoadIntoBufferAsync(ct);
            var response = await base.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.SwitchingProtocols) return response;
            await response.Content.LoadIntoBufferAsync(ct);
            var violations = await contract.ViolationsAsync(request, response);
            if (violations.Count == 0) return response;
            // CONTRACT_SURVEY=file: every mismatch of the run listed in the file instead of failing its test.
            if (Environment.GetEnvironmentVariable("CONTRACT_SURVEY") is { Length: > 0 } survey)
                lock (contract) File.AppendAllLines(survey, violations);
            else
                throw new ContractViolation(string.Join("\n", violations));
            return response;
        }
    }
}

/// <summary>An exchange of a test that the OpenAPI document does not describe.</summary>
public sealed class ContractViolation(string message) : Exception("The exchange does not match the OpenAPI document:\n" + message);

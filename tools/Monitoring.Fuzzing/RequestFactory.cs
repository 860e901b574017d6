using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitoring.Fuzzing;

/// <summary>One change made to a plausible request: what kind, and where (a JSON path, a parameter, or the whole body).</summary>
public sealed record Mutation(string Kind, string Target)
{
    public override string ToString() => Target.Length == 0 ? Kind : $"{Kind} @ {Target}";
}

/// <summary>Which request to build: an operation, a mutation of it (-1 = the plausible request itself) and a value seed.</summary>
public readonly record struct FuzzCase(int Operation, int Mutation, int Seed);

/// <summary>A request ready to send.</summary>
public sealed record FuzzRequest(FuzzCase Case, ApiOperation Operation, string Method, string Url, string? ContentType, byte[]? Body, Mutation? Mutation)
{
    public string Describe() => $"{Method} {Shorten(Url, 160)} [{Mutation?.ToString() ?? "plausible"}]";

    public static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}…({text.Length:N0} chars)";
}

/// <summary>
/// Builds the plausible request of each write operation and its malformed variants, each changing exactly one thing.
/// The mutation list of an operation is fixed (computed from the shape of its plausible body), so a
/// <see cref="FuzzCase"/> always names the same request: reproducible from its numbers alone.
/// </summary>
public sealed class RequestFactory
{
    /// <summary>Stands in the serialized body for a raw JSON fragment that JsonNode cannot hold (1e400, "\ud800").</summary>
    private const string RawMarker = "__fuzz_raw_7f3a__";
    private const int MaxSlots = 120;

    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FuzzIds _ids;
    private readonly PlausibleGenerator _generator;
    private readonly List<Mutation>[] _mutations;

    public RequestFactory(OpenApiDocument document, FuzzIds ids)
    {
        _ids = ids;
        _generator = new PlausibleGenerator(ids);
        Operations = document.Operations;
        _mutations = Operations.Select(ListMutations).ToArray();
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public IReadOnlyList<Mutation> MutationsOf(int operation) => _mutations[operation];

    public int TotalMutations => _mutations.Sum(m => m.Count);

    // ---------------------------------------------------------------- mutation catalogue

    private sealed record Slot(IReadOnlyList<object> Path, Schema Schema, bool Required)
    {
        public string Display => Path.Count == 0 ? "$" : string.Concat(Path.Select((p, i) => p is int n ? $"[{n}]" : (i == 0 ? "" : ".") + p));
    }

    private static readonly string[] WholeBody = ["body: empty", "body: null", "body: []", "body: non-JSON garbage", "body: truncated JSON",
        "body: arrays nested 1000 deep", "body: Content-Type text/plain"];

    private static readonly string[] TextParameter = ["param: %00", "param: 5,000 characters", "param: non-ASCII", "param: U+202E"];

    private static readonly string[] CsvVariants = ["csv: header only", "csv: data row as first line", "csv: NUL in a row", "csv: CRLF line ends",
        "csv: quoted line break", "csv: unknown column", "csv: 10,000 columns", "csv: empty file", "csv: cell of 1,000,000 characters",
        "csv: invalid UTF-8", "csv: UTF-8 BOM", "csv: row longer than the header", "csv: JSON lines body sent as csv", "csv: jsonl garbage (format=jsonl)"];

    private List<Mutation> ListMutations(ApiOperation op)
    {
        var list = new List<Mutation>();
        foreach (var p in op.Parameters.Where(p => p.In is "path" or "query"))
        {
            foreach (var kind in TextParameter) list.Add(new Mutation(kind, $"{p.In}:{p.Name}"));
            if (p.Schema.Type == "boolean") list.Add(new Mutation("param: not a boolean", $"{p.In}:{p.Name}"));
            if (p.In == "query") list.Add(new Mutation("param: unknown value", $"{p.In}:{p.Name}"));
        }
        if (op.IsTextImport)
        {
            list.AddRange(CsvVariants.Select(k => new Mutation(k, "")));
            return list;
        }
        if (op.Body is null) return list;

        list.AddRange(WholeBody.Select(k => new Mutation(k, "")));
        list.Add(new Mutation("extra unknown property", "$"));
        var plausible = _generator.Generate(op.Body, new Random(0), op.PathTemplate);
        foreach (var slot in Slots(plausible, op.Body).Skip(1).Take(MaxSlots))
            list.AddRange(KindsFor(slot).Select(k => new Mutation(k, slot.Display)));
        return list;
    }

    /// <summary>Every place in the plausible body a mutation can hit, shallow ones first.</summary>
    private static IEnumerable<Slot> Slots(JsonNode? root, Schema schema)
    {
        var queue = new Queue<(JsonNode? Node, Slot Slot)>();
        queue.Enqueue((root, new Slot([], schema, true)));
        while (queue.Count > 0)
        {
            var (node, slot) = queue.Dequeue();
            yield return slot;
            if (slot.Path.Count >= 6) continue;
            switch (node)
            {
                case JsonObject obj when slot.Schema.Type == "object":
                    var props = slot.Schema.Properties.ToDictionary(p => p.Name, p => p.Schema);
                    foreach (var (key, child) in obj)
                    {
                        var childSchema = props.GetValueOrDefault(key) ?? slot.Schema.DictionaryValues;
                        if (childSchema is null) continue;
                        queue.Enqueue((child, new Slot([.. slot.Path, key], childSchema, slot.Schema.Required.Contains(key))));
                    }
                    break;
                case JsonArray { Count: > 0 } array when slot.Schema.Items is { } items:
                    queue.Enqueue((array[0], new Slot([.. slot.Path, 0], items, false)));
                    break;
            }
        }
    }

    private static IEnumerable<string> KindsFor(Slot slot)
    {
        var s = slot.Schema;
        if (slot.Required && slot.Path[^1] is string) yield return "drop required property";
        yield return "null";
        var own = s.Type switch { "string" or "enum" => "string", "integer" or "number" => "number", _ => s.Type };
        foreach (var wrong in new[] { "string", "number", "boolean", "object", "array" }.Where(t => t != own))
            yield return $"wrong type: {wrong}";
        switch (s.Type)
        {
            case "enum":
                yield return "enum: unknown name";
                yield return "enum: integer 999";
                break;
            case "integer" or "number":
                yield return "number: -1000";
                yield return "number: 9200000000000000000";
                yield return "number: 9.2e18";
                yield return "number: 1e400";
                if (s.Type == "integer") yield return "number: fraction 1.5";
                break;
            case "string":
                foreach (var k in new[] { "string: empty", "string: whitespace", "string: 5,000 characters", "string: 1,000,000 characters",
                             "string: NUL", "string: control characters", "string: U+202E", "string: lone surrogate \\ud800", "string: Kazakh text" })
                    yield return k;
                if (s.IsDate || s.IsDateTime)
                {
                    yield return "date: 0001-01-01";
                    yield return "date: 9999-12-31";
                    yield return "date: 2019-13-45";
                }
                break;
            case "array":
                yield return "array: empty";
                yield return "array: 100,000 elements";
                yield return "array: [null]";
                yield return "array: items of the wrong type";
                break;
        }
    }

    // ---------------------------------------------------------------- building requests

    public FuzzRequest Build(FuzzCase c)
    {
        var op = Operations[c.Operation];
        var mutation = c.Mutation >= 0 ? _mutations[c.Operation][c.Mutation] : null;
        var random = new Random(c.Seed);

        var url = BuildUrl(op, mutation);
        if (op.IsTextImport)
        {
            var (csv, urlOverride) = Csv(mutation?.Kind, random, url);
            return new FuzzRequest(c, op, op.Method, urlOverride, "text/csv", csv, mutation);
        }
        if (op.Body is null) return new FuzzRequest(c, op, op.Method, url, null, null, mutation);

        var plausible = _generator.Generate(op.Body, random, op.PathTemplate);
        var plausibleText = plausible?.ToJsonString(Json) ?? "null";
        string? contentType = op.ContentType ?? "application/json";
        string text;
        switch (mutation?.Kind)
        {
            case null: text = plausibleText; break;
            case "body: empty": text = ""; break;
            case "body: null": text = "null"; break;
            case "body: []": text = "[]"; break;
            case "body: non-JSON garbage": text = "<<not json>> ¯\\_(ツ)_/¯ {]"; break;
            case "body: truncated JSON": text = plausibleText[..(plausibleText.Length / 2)]; break;
            case "body: arrays nested 1000 deep": text = new string('[', 1000) + new string(']', 1000); break;
            case "body: Content-Type text/plain": text = plausibleText; contentType = "text/plain"; break;
            case "extra unknown property":
                plausible!.AsObject()["fuzzUnknownProperty"] = "неизвестное поле";
                text = plausible.ToJsonString(Json);
                break;
            default:
                text = mutation.Target.StartsWith("path:") || mutation.Target.StartsWith("query:")
                    ? plausibleText
                    : MutateSlot(plausible!, mutation);
                break;
        }
        return new FuzzRequest(c, op, op.Method, url, contentType, Encoding.UTF8.GetBytes(text), mutation);
    }

    private string BuildUrl(ApiOperation op, Mutation? mutation)
    {
        var path = op.PathTemplate;
        var query = new List<string>();
        foreach (var p in op.Parameters)
        {
            var target = $"{p.In}:{p.Name}";
            var value = mutation is not null && mutation.Target == target
                ? MutatedParameter(mutation.Kind)
                : Uri.EscapeDataString(PlausibleParameter(op, p));
            if (p.In == "path") path = path.Replace($"{{{p.Name}}}", value);
            else if (p.In == "query" && (p.Required || mutation?.Target == target || (op.IsTextImport && p.Name == "format")))
                query.Add($"{Uri.EscapeDataString(p.Name)}={value}");
        }
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private string PlausibleParameter(ApiOperation op, ApiParameter p) => p.In == "path"
        ? _ids.PathValue(op.PathTemplate, p.Name)
        : p.Name.ToLowerInvariant() switch { "format" => "csv", _ => p.Schema.Type == "boolean" ? "false" : "1" };

    /// <summary>Already percent-encoded: what a hostile client would put in the URL.</summary>
    private static string MutatedParameter(string kind) => kind switch
    {
        "param: %00" => "FZ%00x",
        // Under Kestrel's 8 KB request-line limit, so the application (not the server) is what answers.
        "param: 5,000 characters" => new string('A', 5_000),
        "param: non-ASCII" => Uri.EscapeDataString("жауап-1"),
        "param: U+202E" => Uri.EscapeDataString("\u202Egnp.exe"),
        "param: not a boolean" => "maybe",
        "param: unknown value" => "xlsx",
        _ => "x",
    };

    private string MutateSlot(JsonNode root, Mutation mutation)
    {
        var path = ParsePath(mutation.Target);
        JsonNode? parent = root;
        foreach (var segment in path.Take(path.Count - 1))
            parent = segment is int i ? parent?.AsArray()[i] : parent?.AsObject()[(string)segment];
        if (parent is null) return root.ToJsonString(Json);
        var last = path[^1];
        var current = last is int index ? parent.AsArray()[index] : parent.AsObject()[(string)last];

        if (mutation.Kind == "drop required property")
        {
            parent.AsObject().Remove((string)last);
            return root.ToJsonString(Json);
        }
        var raw = Replacement(mutation.Kind, current);
        if (last is int at) parent.AsArray()[at] = JsonValue.Create(RawMarker);
        else parent.AsObject()[(string)last] = JsonValue.Create(RawMarker);
        return root.ToJsonString(Json).Replace($"\"{RawMarker}\"", raw);
    }

    private static List<object> ParsePath(string display)
    {
        var result = new List<object>();
        var i = 0;
        while (i < display.Length)
        {
            if (display[i] == '.') { i++; continue; }
            if (display[i] == '[')
            {
                var end = display.IndexOf(']', i);
                result.Add(int.Parse(display[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            var next = display.IndexOfAny(['.', '['], i);
            if (next < 0) next = display.Length;
            result.Add(display[i..next]);
            i = next;
        }
        return result;
    }

    private static string Str(string value) => JsonSerializer.Serialize(value, Json);

    /// <summary>The raw JSON that replaces the value, for each kind.</summary>
    private static string Replacement(string kind, JsonNode? current) => kind switch
    {
        "null" => "null",
        "wrong type: string" => Str("fuzz"),
        "wrong type: number" => "12345",
        "wrong type: boolean" => "true",
        "wrong type: object" => "{}",
        "wrong type: array" => "[]",
        "enum: unknown name" => Str("NoSuchValue"),
        "enum: integer 999" => "999",
        "number: -1000" => "-1000",
        "number: 9200000000000000000" => "9200000000000000000",
        "number: 9.2e18" => "9.2e18",
        "number: 1e400" => "1e400",
        "number: fraction 1.5" => "1.5",
        "string: empty" => Str(""),
        "string: whitespace" => Str(" \t\n "),
        "string: 5,000 characters" => Str(new string('ж', 5_000)),
        "string: 1,000,000 characters" => Str(new string('a', 1_000_000)),
        "string: NUL" => Str("FZ\u0000nul"),
        "string: control characters" => Str("\u0001\u0007\b\u001b[2J\u007f\u0085"),
        "string: U+202E" => Str("\u202Egnp.exe"),
        "string: lone surrogate \\ud800" => "\"FZ\\ud800\"",
        "string: Kazakh text" => Str("жауап-1"),
        "date: 0001-01-01" => Str("0001-01-01"),
        "date: 9999-12-31" => Str("9999-12-31"),
        "date: 2019-13-45" => Str("2019-13-45"),
        "array: empty" => "[]",
        "array: 100,000 elements" => HugeArray(current),
        "array: [null]" => "[null]",
        "array: items of the wrong type" => current is JsonArray { Count: > 0 } a && a[0] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? "[12345]"
            : "[\"fuzz\"]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mutation"),
    };

    private static string HugeArray(JsonNode? current)
    {
        var item = current is JsonArray { Count: > 0 } a ? a[0]?.ToJsonString(Json) ?? "null" : "1";
        var sb = new StringBuilder(item.Length * 100_001 + 2).Append('[');
        for (var i = 0; i < 100_000; i++) sb.Append(i == 0 ? "" : ",").Append(item);
        return sb.Append(']').ToString();
    }

    // ---------------------------------------------------------------- the CSV import

    private const string CsvHeader = "response_id,service,region,channels,overall,trust,complaint,gender";

    private (byte[] Body, string Url) Csv(string? kind, Random random, string url)
    {
        var id = random.Next(1_000_000, 9_999_999);
        string Row(int n) => $"fz-{id}-{n},{_ids.Service},KZ-KAR,EGov,{1 + (id + n) % 5},5,No,Female";
        var plausible = $"{CsvHeader}\n{Row(1)}\n{Row(2)}\n";
        string text = kind switch
        {
            null => plausible,
            "csv: header only" => CsvHeader + "\n",
            "csv: data row as first line" => $"{Row(1)}\n{Row(2)}\n",
            "csv: NUL in a row" => $"{CsvHeader}\n{Row(1)[..6]}\u0000{Row(1)[6..]}\n",
            "csv: CRLF line ends" => $"{CsvHeader}\r\n{Row(1)}\r\n{Row(2)}\r\n",
            "csv: quoted line break" => $"{CsvHeader}\n\"fz-{id}-1\nline\",{_ids.Service},KZ-KAR,\"EGov\r\nBody\",5,5,No,Female\n",
            "csv: unknown column" => $"{CsvHeader},fuzz_column\n{Row(1)},x\n",
            "csv: 10,000 columns" => CsvHeader + string.Concat(Enumerable.Range(0, 10_000).Select(i => $",c{i}")) + "\n" +
                                     Row(1) + new string(',', 10_000) + "\n",
            "csv: empty file" => "",
            "csv: cell of 1,000,000 characters" => $"{CsvHeader}\nfz-{id}-1,{new string('S', 1_000_000)},KZ-KAR,EGov,5,5,No,Female\n",
            "csv: UTF-8 BOM" => "\uFEFF" + plausible,
            "csv: row longer than the header" => $"{CsvHeader}\n{Row(1)},extra,cells,here\n",
            "csv: JSON lines body sent as csv" => "{\"responseId\":\"x\",\"serviceCode\":\"" + _ids.Service + "\"}\n",
            "csv: jsonl garbage (format=jsonl)" => "{\"responseId\": [1,2,\n{not json}\n",
            "csv: invalid UTF-8" => "",
            _ => plausible,
        };
        var body = kind == "csv: invalid UTF-8"
            ? [.. Encoding.UTF8.GetBytes(CsvHeader + "\nfz-"), 0xFF, 0xFE, 0xC3, 0x28, .. Encoding.UTF8.GetBytes($",{_ids.Service},KZ-KAR,EGov,5,5,No,Female\n")]
            : Encoding.UTF8.GetBytes(text);
        if (kind == "csv: jsonl garbage (format=jsonl)") url = url.Replace("format=csv", "format=jsonl");
        return (body, url);
    }
}

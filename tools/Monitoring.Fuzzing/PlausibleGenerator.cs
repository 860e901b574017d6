using System.Globalization;
using System.Text.Json.Nodes;

namespace Monitoring.Fuzzing;

/// <summary>
/// Builds a plausible request body from a schema: right types, enum values, dates and numbers in realistic ranges, and
/// the ids of the seeded records where a property names one. Every property is present (required or not) and every
/// array has one item, so the shape of a body depends on the operation only and the mutation list of an operation is
/// the same for every seed; only the values vary with the seed.
/// </summary>
public sealed class PlausibleGenerator(FuzzIds ids)
{
    private const int MaxDepth = 8;

    private static readonly string[] Words =
        ["Проверка", "Услуга", "Жалоба", "Отчёт", "Приказ", "Қызмет", "Тексеру", "Акт", "Решение", "Заключение", "мониторинг"];

    public JsonNode? Generate(Schema schema, Random random, string pathTemplate)
    {
        var value = Value(schema, null, random, pathTemplate, 0);
        // A new methodology version: the published one under a new code, so the plausible request passes every sum check.
        if (pathTemplate == "/api/methodologies" && ids.MethodologyVersionJson is { } template && value is JsonObject body && body.ContainsKey("version"))
        {
            var version = JsonNode.Parse(template)!.AsObject();
            version["code"] = Unique("FZ-M", random);
            body["version"] = version;
        }
        return value;
    }

    private JsonNode? Value(Schema schema, string? name, Random random, string pathTemplate, int depth)
    {
        if (Hint(name, schema, random, pathTemplate) is { } hinted) return hinted.Value;
        switch (schema.Type)
        {
            case "object":
                var obj = new JsonObject();
                if (depth >= MaxDepth) return obj;
                foreach (var (propertyName, propertySchema) in schema.Properties)
                    obj[propertyName] = Value(propertySchema, propertyName, random, pathTemplate, depth + 1);
                if (schema.DictionaryValues is { } values)
                    obj[DictionaryKey(name, random)] = Value(values, null, random, pathTemplate, depth + 1);
                return obj;
            case "array":
                var array = new JsonArray();
                if (schema.Items is { } items && depth < MaxDepth) array.Add(Value(items, Singular(name), random, pathTemplate, depth + 1));
                return array;
            case "enum":
                return schema.Enum is { Count: > 0 } e ? JsonValue.Create(e[random.Next(e.Count)]) : JsonValue.Create("x");
            case "integer":
                return JsonValue.Create(random.Next(1, 50));
            case "number":
                return JsonValue.Create(Math.Round((decimal)(random.NextDouble() * 10), 1));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            case "string":
                if (schema.IsDate) return JsonValue.Create(new DateOnly(2019, random.Next(1, 13), random.Next(1, 29)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (schema.IsDateTime) return JsonValue.Create(new DateTimeOffset(2019, random.Next(1, 13), random.Next(1, 29), 10, 0, 0, TimeSpan.Zero).ToString("O"));
                return JsonValue.Create($"{Words[random.Next(Words.Length)]} {random.Next(1, 1000)}");
            default:
                return JsonValue.Create("x");
        }
    }

    private static string? Singular(string? name) => name is null ? null : name.EndsWith("ies") ? name[..^3] + "y" : name.TrimEnd('s');

    /// <summary>Keys of the dictionaries in the API: criterion scores by criterion, channel terms by channel, inputs by name.</summary>
    private static string DictionaryKey(string? name, Random random) => name?.ToLowerInvariant() switch
    {
        "criterionscores" => new[] { "Trust", "Deadlines", "Politeness" }[random.Next(3)],
        "channelterms" => "EGov",
        "violationsbytype" => new[] { "DeadlineBreach", "IncompletePackage", "Other" }[random.Next(3)],
        "inputs" => "satisfaction.share",
        _ => "k" + random.Next(1, 9),
    };

    private readonly record struct Hinted(JsonNode? Value);

    private static string Unique(string prefix, Random random) => $"{prefix}-{random.Next(100_000, 999_999)}{random.Next(0, 999):000}";

    /// <summary>Values by property name: the seeded ids, new unique ids for what a request creates, realistic figures.</summary>
    private Hinted? Hint(string? name, Schema schema, Random random, string pathTemplate)
    {
        if (name is null) return null;
        var creating = !pathTemplate.Contains('{');
        JsonNode? S(string v) => JsonValue.Create(v);
        JsonNode? N(long v) => JsonValue.Create(v);
        return name.ToLowerInvariant() switch
        {
            "bodycode" or "body" when schema.Type == "string" => new Hinted(S(ids.Body)),
            "servicecode" or "service" when schema.Type == "string" => new Hinted(S(ids.Service)),
            "services" when schema.Type == "array" && schema.Items?.Type == "string" => new Hinted(new JsonArray(S(ids.Service))),
            "methodologycode" => new Hinted(S(ids.Methodology)),
            "methodology" when schema.Type == "string" => new Hinted(S("KZ-2018")),
            // Optional links that need other records to agree (a parent, a unit, a version, answers that only follow a
            // complaint or used connections): left out of the plausible request, mutations still set them.
            "parentcode" or "unitcode" or "expectedversion" or "channelterms" or "satisfiedwithcomplaintoutcome" or "connectionsinitiatedby"
                => new Hinted(null),
            "level" when schema.Type == "enum" => new Hinted(S("Central")),
            "counts" when schema.Type == "array" => new Hinted(new JsonArray(N(random.Next(0, 50)), N(random.Next(0, 50)), N(random.Next(0, 50)),
                N(random.Next(0, 50)), N(random.Next(0, 50)))),
            "channel" when schema.Type == "string" => new Hinted(S("EGov")),
            "regioncode" => new Hinted(S("KZ-KAR")),
            "code" when schema.Type == "string" => new Hinted(S(Unique("FZ", random))),
            "complaintid" or "inspectionid" or "violationid" or "responseid" or "penaltyid" or "recommendationid" or "reference"
                when schema.Type == "string" => new Hinted(S(Unique(name[..2].ToUpperInvariant(), random))),
            "period" when schema.IsNumeric => new Hinted(N(ids.Period)),
            "scale" => new Hinted(N(5)),
            "overall" when schema.IsNumeric => new Hinted(N(random.Next(1, 6))),
            "smallsamplethreshold" => new Hinted(N(30)),
            "maxqueuewaitminutes" => new Hinted(N(30)),
            "previousfinal" => new Hinted(JsonValue.Create(40.5m)),
            "points" => new Hinted(JsonValue.Create(1m)),
            "count" or "delivered" or "contacts" => new Hinted(N(random.Next(10, 500))),
            "refusals" or "refused" or "reached" or "latedatasubmissions" => new Hinted(N(random.Next(0, 10))),
            "channels" when schema.Type == "array" => new Hinted(new JsonArray(S("EGov"))),
            "channel" when schema.Type == "enum" => new Hinted(S("Body")),
            "cases" when schema.Type == "array" => new Hinted(new JsonArray(S($"APP-{random.Next(1, 9999)}"))),
            "criterionscores" => new Hinted(new JsonObject { ["Trust"] = random.Next(1, 6) }),
            "periodfrom" => new Hinted(S($"{ids.Period}-01-01")),
            "periodto" => new Hinted(S($"{ids.Period}-12-31")),
            "openedon" => new Hinted(S($"{ids.Period + 1}-02-01")),
            "closedon" => new Hinted(S($"{ids.Period + 1}-03-01")),
            "lodgedon" => new Hinted(S($"{ids.Period}-03-{random.Next(1, 29):00}")),
            "decidedon" => new Hinted(S($"{ids.Period}-04-{random.Next(1, 29):00}")),
            "answeredon" => new Hinted(S($"{ids.Period}-05-{random.Next(1, 29):00}")),
            "retiredon" => new Hinted(S("2030-01-01")),
            _ => creating && name.Equals("title", StringComparison.OrdinalIgnoreCase) ? new Hinted(S("Волна мониторинга")) : null,
        };
    }
}

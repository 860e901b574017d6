using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Surveys;

namespace Monitoring.Application.Surveys.Import;

public enum ImportFormat { Csv, JsonLines }

/// <summary>A row of an import file: its line number, and either the answers or why they could not be read.</summary>
public sealed record ResponseRow(int Line, SurveyResponseInput? Input, IReadOnlyList<(string Field, string Reason)> Errors);

/// <summary>
/// Reads answers from CSV (header row; columns listed in <see cref="CsvColumns"/>) or JSON lines (one
/// <see cref="SurveyResponseInput"/> per line, camelCase). In CSV a criterion cell left empty was not asked, and
/// <c>hard</c> (or <c>0</c>) means "hard to answer"; channels are separated by <c>;</c>.
/// </summary>
public static class ResponseFileReader
{
    public static readonly string[] CsvColumns =
    [
        "response_id", "service", "body", "unit", "region", "channels", "overall", "trust", "staff_competence", "staff_promptness",
        "politeness", "information_accessibility", "information_clarity", "deadlines", "simple_process", "fee_proportionality",
        "met_staff", "complaint", "complaint_satisfied", "informal_payment", "used_connections", "connections_by",
        "extra_documents", "queue_submit_minutes", "queue_collect_minutes", "available_online", "gender", "age_band",
    ];

    private static readonly (string Column, Criterion Criterion)[] CriterionColumns =
    [
        ("trust", Criterion.Trust), ("staff_competence", Criterion.StaffCompetence), ("staff_promptness", Criterion.StaffPromptness),
        ("politeness", Criterion.Politeness), ("information_accessibility", Criterion.InformationAccessibility),
        ("information_clarity", Criterion.InformationClarity), ("deadlines", Criterion.Deadlines),
        ("simple_process", Criterion.SimpleProcess), ("fee_proportionality", Criterion.FeeProportionality),
    ];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Lines per parallel chunk: big enough to amortise scheduling, small enough to spread over the cores.</summary>
    private const int ChunkLines = 20_000;

    /// <summary>Reads every row of a file, in file order; chunks of lines are parsed in parallel.</summary>
    public static ResponseRow[] Read(byte[] content, ImportFormat format)
    {
        var text = DecodeUtf8(content);
        var lines = LineRanges(text);
        var rows = new ResponseRow?[lines.Count];
        Dictionary<string, int>? columns = null;
        var first = 0;
        if (format == ImportFormat.Csv)
        {
            while (first < lines.Count && IsBlank(text, lines[first])) first++;
            if (first == lines.Count) return [];
            var header = SplitCsv(Slice(text, lines[first]));
            columns = header.Select((c, i) => (c.Trim().ToLowerInvariant(), i)).ToDictionary(x => x.Item1, x => x.i);
            var unknown = columns.Keys.Except(CsvColumns).ToList();
            var missing = new[] { "service", "region", "channels", "overall" }.Except(columns.Keys).ToList();
            if (unknown.Count > 0 || missing.Count > 0)
                return [new ResponseRow(first + 1, null, unknown.Select(u => ("header", $"unknown column '{u}'"))
                    .Concat(missing.Select(m => ("header", $"missing column '{m}'"))).ToList())];
            first++;
        }

        var chunks = (lines.Count - first + ChunkLines - 1) / ChunkLines;
        Parallel.For(0, chunks, chunk =>
        {
            var end = Math.Min(lines.Count, first + (chunk + 1) * ChunkLines);
            for (var i = first + chunk * ChunkLines; i < end; i++)
            {
                if (IsBlank(text, lines[i])) continue;
                var line = Slice(text, lines[i]);
                rows[i] = format == ImportFormat.Csv ? ParseCsvRow(i + 1, SplitCsv(line), columns!) : ParseJsonRow(i + 1, line);
            }
        });
        return rows.Where(r => r is not null).ToArray()!;
    }

    private static string DecodeUtf8(byte[] content)
    {
        var bom = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(content, bom, content.Length - bom);
    }

    private static List<(int Start, int Length)> LineRanges(string text)
    {
        var ranges = new List<(int, int)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var length = end - start;
            if (length > 0 && text[start + length - 1] == '\r') length--;
            ranges.Add((start, length));
            start = end + 1;
        }
        return ranges;
    }

    private static string Slice(string text, (int Start, int Length) range) => text.Substring(range.Start, range.Length);

    private static bool IsBlank(string text, (int Start, int Length) range) =>
        text.AsSpan(range.Start, range.Length).IsWhiteSpace();

    private static ResponseRow ParseJsonRow(int line, string text)
    {
        try
        {
            var input = JsonSerializer.Deserialize<SurveyResponseInput>(text, Json);
            return input is null ? new ResponseRow(line, null, [("row", "empty row")]) : new ResponseRow(line, input, []);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "row";
            return new ResponseRow(line, null, [(field, e.InnerException?.Message ?? e.Message)]);
        }
    }

    private static ResponseRow ParseCsvRow(int line, IReadOnlyList<string> cells, IReadOnlyDictionary<string, int> columns)
    {
        var errors = new List<(string, string)>();
        string? Cell(string name) =>
            columns.TryGetValue(name, out var i) && i < cells.Count && cells[i].Trim() is { Length: > 0 } v ? v : null;

        int? Int(string name)
        {
            var v = Cell(name);
            if (v is null) return null;
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add((name, $"'{v}' is not a whole number"));
            return null;
        }
        bool? Bool(string name)
        {
            var v = Cell(name)?.ToLowerInvariant();
            switch (v)
            {
                case null: return null;
                case "1" or "true" or "yes" or "да" or "иә": return true;
                case "0" or "false" or "no" or "нет" or "жоқ": return false;
                default: errors.Add((name, $"'{v}' is not yes/no")); return null;
            }
        }
        T? Enum<T>(string name) where T : struct, System.Enum
        {
            var v = Cell(name);
            if (v is null) return null;
            if (System.Enum.TryParse<T>(v.Replace("_", ""), ignoreCase: true, out var e) && System.Enum.IsDefined(e)) return e;
            errors.Add((name, $"'{v}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}"));
            return null;
        }
        // (asked, score): empty = not asked; "hard"/"0" = hard to answer.
        (bool Asked, int? Score) Score(string name)
        {
            var v = Cell(name);
            if (v is null) return (false, null);
            if (v.Equals("hard", StringComparison.OrdinalIgnoreCase) || v == "0") return (true, null);
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return (true, n);
            errors.Add((name, $"'{v}' is not a score (1..5, or 'hard' for hard to answer)"));
            return (true, null);
        }

        var channels = new List<Channel>();
        foreach (var part in (Cell("channels") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Enum.TryParse<Channel>(part, true, out var c) && System.Enum.IsDefined(c)) channels.Add(c);
            else errors.Add(("channels", $"'{part}' is not one of {string.Join(", ", System.Enum.GetNames<Channel>())}"));
        }
        var criteria = new Dictionary<Criterion, int?>();
        foreach (var (column, criterion) in CriterionColumns)
        {
            var (asked, score) = Score(column);
            if (asked) criteria[criterion] = score;
        }

        var input = new SurveyResponseInput(
            Cell("response_id") ?? "", Cell("service") ?? "", Cell("body"), Cell("unit"), Cell("region") ?? "", channels,
            Score("overall").Score, criteria, Bool("met_staff") ?? false, Enum<ComplaintMade>("complaint") ?? ComplaintMade.No,
            Bool("complaint_satisfied"), Bool("informal_payment"), Bool("used_connections"), Enum<ConnectionsInitiator>("connections_by"),
            Bool("extra_documents"), Int("queue_submit_minutes"), Int("queue_collect_minutes"), Bool("available_online"),
            Enum<Gender>("gender"), Enum<AgeBand>("age_band"));
        return new ResponseRow(line, errors.Count == 0 ? input : null, errors);
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
    public static IReadOnlyList<string> SplitCsv(string line)
    {
        if (!line.Contains('"')) return line.Split(',');
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}

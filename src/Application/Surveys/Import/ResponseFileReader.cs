using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using System.Text;
using System.Text.Json;

namespace Monitoring.Application.Surveys.Import;

public enum ImportFormat { Csv, JsonLines }

/// <summary>A row of an import file: its line number, and either the answers or why they could not be read.</summary>
public sealed record ResponseRow(int Line, SurveyResponseInput? Input, IReadOnlyList<(string Field, string Reason)> Errors);

/// <summary>
/// Reads answers from CSV (header row; columns listed in <see cref="CsvColumns"/>) or JSON lines (one
/// <see cref="SurveyResponseInput"/> per line, camelCase). In CSV each criterion the campaign asks is a column named by
/// its code in snake_case (<see cref="CriterionCodes.Column"/>: "staff_competence", "c01"); a criterion cell left empty
/// was not asked, and <c>hard</c> (or <c>0</c>) means "hard to answer"; channels are separated by <c>;</c>; <c>comment</c> is
/// free text (quote it when it holds commas, quotes or line breaks).
/// </summary>
public static class ResponseFileReader
{
    /// <summary>The columns of the answers that are not criteria.</summary>
    public static readonly string[] AnswerColumns =
    [
        "response_id", "service", "body", "unit", "region", "channels", "overall",
        "met_staff", "complaint", "complaint_satisfied", "informal_payment", "used_connections", "connections_by",
        "extra_documents", "queue_submit_minutes", "queue_collect_minutes", "available_online", "gender", "age_band", "comment",
    ];

    /// <summary>
    /// The criterion columns of a campaign's instrument (column → criterion code), in its order: a file may carry a column
    /// of a criterion the campaign does not ask, and a score in it is refused as not asked.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CriterionColumns(SurveyCampaign campaign) =>
        campaign.Instrument.Codes.ToDictionary(CriterionCodes.Column, c => c);

    /// <summary>Every column a campaign's CSV file may have.</summary>
    public static IReadOnlyList<string> CsvColumns(SurveyCampaign campaign) => [.. AnswerColumns[..7], .. CriterionColumns(campaign).Keys, .. AnswerColumns[7..]];

    /// <summary>As strict as the API: enums by name only, nulls only where allowed, no unknown fields.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        MaxDepth = 16,
    };

    /// <summary>Rows per chunk: parsed in parallel, and all the file a reader holds in memory at once.</summary>
    public const int ChunkRows = 20_000;

    /// <summary>
    /// Hash of the file's content as text: line endings (CRLF, LF, CR), a byte-order mark and a missing last newline do
    /// not change it, so the same answers sent from another system count as the same file.
    /// </summary>
    public static string ContentHash(Func<Stream> open)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var reader = new StreamReader(open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Span<byte> newline = [(byte)'\n'];
        var buffer = new byte[64 * 1024];
        while (reader.ReadLine() is { } line)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (buffer.Length < needed) buffer = new byte[needed];
            hash.AppendData(buffer, 0, Encoding.UTF8.GetBytes(line, buffer));
            hash.AppendData(newline);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>
    /// Reads the rows of a file in chunks of <see cref="ChunkRows"/>, in file order; the rows of a chunk are parsed in
    /// parallel. Streamed: memory holds one chunk, whatever the file's size. CSV is read by CsvHelper (RFC 4180: quoted
    /// commas, quotes and line breaks); a row's line is the file line it ends on.
    /// </summary>
    public static IEnumerable<ResponseRow[]> ReadChunks(Func<Stream> open, ImportFormat format, SurveyCampaign campaign) =>
        format == ImportFormat.Csv ? CsvChunks(open, campaign) : Parsed(JsonLines(open), l => ParseJsonRow(l.Line, l.Text));

    /// <summary>
    /// Items in chunks of <see cref="ChunkRows"/>, in order, the items of a chunk parsed in parallel. One buffer serves
    /// every chunk: a chunk is large enough to live in the large-object heap, where a new one per chunk costs collections.
    /// </summary>
    private static IEnumerable<ResponseRow[]> Parsed<T>(IEnumerable<T> items, Func<T, ResponseRow> parse)
    {
        var chunk = new List<T>(ChunkRows);
        ResponseRow[] ParseChunk()
        {
            var rows = new ResponseRow[chunk.Count];
            Parallel.For(0, chunk.Count, CpuWork.Options, i => rows[i] = parse(chunk[i]));
            chunk.Clear();
            return rows;
        }
        foreach (var item in items)
        {
            chunk.Add(item);
            if (chunk.Count == ChunkRows) yield return ParseChunk();
        }
        if (chunk.Count > 0) yield return ParseChunk();
    }

    private static IEnumerable<ResponseRow[]> CsvChunks(Func<Stream> open, SurveyCampaign campaign)
    {
        var known = CsvColumns(campaign);
        var criteria = CriterionColumns(campaign);
        using var reader = new StreamReader(open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            BadDataFound = args => badData ??= args.Field,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(reader, config);

        if (!parser.Read()) yield break;
        var headerLine = parser.RawRow;
        var header = parser.Record ?? [];
        var problems = new List<(string, string)>();
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!known.Contains(name)) problems.Add(("header", $"unknown column '{Quote.Shorten(name)}' (the first line must name the columns of campaign '{campaign.Code}': {string.Join(", ", known)})"));
            else if (!columns.TryAdd(name, i)) problems.Add(("header", $"column '{name}' appears twice"));
            if (problems.Count >= 20) break;
        }
        foreach (var m in new[] { "service", "region", "channels", "overall" }.Where(m => !columns.ContainsKey(m)))
            problems.Add(("header", $"missing column '{m}'"));
        if (problems.Count > 0)
        {
            yield return [new ResponseRow((int)headerLine, null, problems)];
            yield break;
        }

        IEnumerable<(int Line, string[] Cells, string? Bad)> Records()
        {
            while (parser.Read())
            {
                badData = null;
                var cells = parser.Record ?? [];
                yield return ((int)parser.RawRow, cells, badData);
            }
        }
        foreach (var chunk in Parsed(Records(), r => r.Bad is not null
                     ? new ResponseRow(r.Line, null, [("row", $"a quote inside an unquoted cell near '{Quote.Shorten(r.Bad)}'")])
                     : r.Cells.Length > known.Count * 2
                         ? new ResponseRow(r.Line, null, [("row", $"has {r.Cells.Length} cells; the header names {columns.Count}")])
                         : ParseCsvRow(r.Line, r.Cells, columns, criteria)))
            yield return chunk;
    }

    private static IEnumerable<(int Line, string Text)> JsonLines(Func<Stream> open)
    {
        using var reader = new StreamReader(open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text)) yield return (number, text);
        }
    }

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

    private static ResponseRow ParseCsvRow(int line, string[] cells, IReadOnlyDictionary<string, int> columns, IReadOnlyDictionary<string, string> criterionColumns)
    {
        var errors = new List<(string, string)>();
        string? Cell(string name) =>
            columns.TryGetValue(name, out var i) && i < cells.Length && cells[i].Trim() is { Length: > 0 } v ? v : null;

        // A cell read as T: empty is null, and a cell that does not read is the error "'…' is not <expected>".
        T? Read<T>(string name, string? v, Func<string, T?> parse, string expected) where T : struct
        {
            if (v is null) return null;
            if (parse(v) is { } value) return value;
            errors.Add((name, $"'{v}' is not {expected}"));
            return null;
        }
        static int? Number(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        int? Int(string name) => Read(name, Cell(name), Number, "a whole number");
        bool? Bool(string name) => Read(name, Cell(name)?.ToLowerInvariant(), v => v switch
        {
            "1" or "true" or "yes" or "да" or "иә" => true,
            "0" or "false" or "no" or "нет" or "жоқ" => false,
            _ => (bool?)null,
        }, "yes/no");
        T? Enum<T>(string name) where T : struct, System.Enum => Read<T>(name, Cell(name),
            v => System.Enum.TryParse<T>(v.Replace("_", ""), ignoreCase: true, out var e) && System.Enum.IsDefined(e) ? e : null,
            EnumNames<T>.OneOf);
        // (asked, score): empty = not asked; "hard"/"0" = hard to answer.
        (bool Asked, int? Score) Score(string name)
        {
            var v = Cell(name);
            if (v is null) return (false, null);
            if (v.Equals("hard", StringComparison.OrdinalIgnoreCase) || v == "0") return (true, null);
            return (true, Read(name, v, Number, "a score (1..5, or 'hard' for hard to answer)"));
        }

        var channels = new List<Channel>();
        foreach (var part in (Cell("channels") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Enum.TryParse<Channel>(part, true, out var c) && System.Enum.IsDefined(c)) channels.Add(c);
            else errors.Add(("channels", $"'{part}' is not {EnumNames<Channel>.OneOf}"));
        }
        var criteria = new Dictionary<string, int?>();
        foreach (var (column, criterion) in criterionColumns)
        {
            var (asked, score) = Score(column);
            if (asked) criteria[criterion] = score;
        }

        var input = new SurveyResponseInput(
            Cell("response_id") ?? "", Cell("service") ?? "", Cell("body"), Cell("unit"), Cell("region") ?? "", channels,
            Score("overall").Score, criteria, Bool("met_staff") ?? false, Enum<ComplaintMade>("complaint"),
            Bool("complaint_satisfied"), Bool("informal_payment"), Bool("used_connections"), Enum<ConnectionsInitiator>("connections_by"),
            Bool("extra_documents"), Int("queue_submit_minutes"), Int("queue_collect_minutes"), Bool("available_online"),
            Enum<Gender>("gender"), Enum<AgeBand>("age_band"), Cell("comment"));
        return new ResponseRow(line, errors.Count == 0 ? input : null, errors);
    }

    private static class EnumNames<T> where T : struct, Enum
    {
        public static readonly string OneOf = $"one of {string.Join(", ", Enum.GetNames<T>())}";
    }
}

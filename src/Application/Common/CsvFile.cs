using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Monitoring.Application.Common;

/// <summary>Why a row (or the header, line 1) of a file could not be read: the file line, the column, the reason.</summary>
public sealed record FileRowError(int Line, string Column, string Reason);

/// <summary>What a file gave: the rows read, the file line of each (to name the line when a rule refuses a row later), and
/// the rows that could not be read. A file with any error is sent nowhere.</summary>
public sealed record FileRows<T>(IReadOnlyList<T> Rows, IReadOnlyList<int> Lines, IReadOnlyList<FileRowError> Errors);

/// <summary>The columns a file has: those it must have, those it may have, and whether any other is refused.</summary>
/// <param name="MaxRows">More rows than this: the reading stops at the first row over, with an error naming the limit.</param>
public sealed record CsvShape(IReadOnlyList<string> Required, IReadOnlyList<string>? Optional = null, bool RefuseUnknownColumns = false,
    int MaxRows = InputHygiene.MaxItems)
{
    public IEnumerable<string> Columns => Required.Concat(Optional ?? []);
}

/// <summary>
/// The CSV files people upload (a delivery report's lines, an inspection's findings): the first row names the columns
/// (any order; case, '_', '-' and spaces ignored, so <c>violation_id</c> is <c>violationId</c>); cells are separated by
/// commas or by semicolons (as a spreadsheet writes CSV where the decimal mark is a comma), whichever the header uses;
/// UTF-8 with or without a byte-order mark; quoted cells as RFC 4180 (CsvHelper). Every cell that does not read is an
/// error naming its line and column; the rules of the command the rows become stay the command's.
/// </summary>
public static class CsvFile
{
    /// <summary>Errors reported at most: a file of garbage is not answered with a megabyte of reasons.</summary>
    public const int MaxErrors = 1_000;

    public static FileRows<T> Read<T>(Stream csv, CsvShape shape, Func<CsvRow, T> parse)
    {
        var rows = new List<T>();
        var lines = new List<int>();
        var errors = new List<FileRowError>();
        var columns = string.Join(",", shape.Columns);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? badData = null;
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            // The header's separator, not a guess over the first rows: a cell may hold the other one (cases "A;B").
            GetDelimiter = args => HeaderDelimiter(args.Text),
            IgnoreBlankLines = true,
            BadDataFound = args => badData ??= args.Field,
        });
        if (!parser.Read())
            return new FileRows<T>(rows, lines, [new FileRowError(1, "header", $"the file is empty; its first line names the columns: {columns}")]);

        var headerLine = (int)parser.RawRow;
        var known = shape.Columns.ToDictionary(Normalise, c => c);
        var index = new Dictionary<string, int>();
        var record = parser.Record ?? [];
        for (var i = 0; i < record.Length; i++)
        {
            var name = Normalise(record[i]);
            if (!known.TryGetValue(name, out var column))
            {
                if (shape.RefuseUnknownColumns)
                    errors.Add(new FileRowError(headerLine, "header", $"unknown column '{Quote.Shorten(record[i].Trim())}' (the columns are: {columns})"));
            }
            else if (!index.TryAdd(column, i)) errors.Add(new FileRowError(headerLine, "header", $"column '{column}' appears twice"));
            if (errors.Count >= 20) break;
        }
        var missing = shape.Required.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            errors.Add(new FileRowError(headerLine, "header",
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (the first line names the columns: {columns})"));
        if (errors.Count > 0) return new FileRows<T>(rows, lines, errors);

        while (parser.Read())
        {
            var line = (int)parser.RawRow;
            if (rows.Count + errors.Count >= shape.MaxRows)
            {
                errors.Add(new FileRowError(line, "row", $"the file has more than {shape.MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows"));
                break;
            }
            // The cells are parsed as they are read: BadDataFound has spoken once the record is taken.
            var cells = parser.Record ?? [];
            if (badData is not null)
            {
                errors.Add(new FileRowError(line, "row", $"a quote inside an unquoted cell near '{Quote.Shorten(badData)}'"));
                badData = null;
                continue;
            }
            var row = new CsvRow(line, cells, index, errors);
            var value = parse(row);
            if (row.Valid)
            {
                rows.Add(value);
                lines.Add(line);
            }
            if (errors.Count >= MaxErrors) break;
        }
        return new FileRows<T>(rows, lines, errors);
    }

    private static string Normalise(string column) =>
        string.Concat(column.Trim().Where(c => c is not ('_' or '-' or ' '))).ToLowerInvariant();

    private static string HeaderDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ";" : ",";
    }
}

/// <summary>The cells of one row by column name; a cell that does not read adds its error and gives a placeholder.</summary>
public sealed class CsvRow(int line, string[] cells, IReadOnlyDictionary<string, int> index, List<FileRowError> errors)
{
    private readonly int _errorsBefore = errors.Count;

    public int Line => line;
    public bool Valid => errors.Count == _errorsBefore;

    /// <summary>The cell, trimmed; empty when the file has no such column or the row is short.</summary>
    public string Cell(string column) => index.TryGetValue(column, out var i) && i < cells.Length ? cells[i].Trim() : "";

    public void Error(string column, string reason) => errors.Add(new FileRowError(line, column, reason));

    /// <summary>A cell that must not be empty.</summary>
    public string Text(string column)
    {
        var value = Cell(column);
        if (value.Length == 0) Error(column, "is empty");
        return value;
    }

    /// <summary>A cell that may be empty (null).</summary>
    public string? OptionalText(string column) => Cell(column) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// A whole number (spaces between digit groups allowed) of at most <paramref name="max"/> in size; <paramref name="empty"/>
    /// when the cell is empty, if given.
    /// </summary>
    public long Count(string column, long? empty = null, long max = long.MaxValue)
    {
        var value = Cell(column).Replace(" ", "").Replace("\u00A0", "");
        if (value.Length == 0 && empty is { } none) return none;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n <= max && n >= -max) return n;
        Error(column, value.Length == 0 ? "is empty" : $"'{Quote.Shorten(value)}' is not a whole number{(max < long.MaxValue ? $" of sensible size" : "")}");
        return 0;
    }

    /// <summary>One of <typeparamref name="TEnum"/>'s names (case ignored; a number is not a name).</summary>
    public TEnum Enum<TEnum>(string column) where TEnum : struct, Enum
    {
        var value = Cell(column);
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !value.All(char.IsAsciiDigit))
            return e;
        Error(column, $"'{Quote.Shorten(value)}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return default;
    }
}

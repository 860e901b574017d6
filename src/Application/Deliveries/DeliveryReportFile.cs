using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Monitoring.Domain.Deliveries;

namespace Monitoring.Application.Deliveries;

/// <summary>Why a row (or the header, line 1) of a file could not be read: the file line, the column, the reason.</summary>
public sealed record FileRowError(int Line, string Column, string Reason);

/// <summary>What a file gave: the rows read, the file line of each (to name the line when the API refuses a row), and the
/// rows that could not be read. A file with any error is sent nowhere.</summary>
public sealed record FileRows<T>(IReadOnlyList<T> Rows, IReadOnlyList<int> Lines, IReadOnlyList<FileRowError> Errors);

/// <summary>
/// The CSV files of a delivery report (<see cref="SubmitDeliveryReport"/>): its lines, one per service and channel
/// (<c>service,channel,delivered,refusals</c>), and its late deliveries, one per case (<c>reference,service</c>). The first
/// row names the columns (any order, case ignored); cells are separated by commas or by semicolons (as a spreadsheet
/// writes CSV where the decimal mark is a comma); UTF-8 with or without a byte-order mark; quoted cells as RFC 4180
/// (CsvHelper). A channel is one of <see cref="Channel"/>'s names; counts are whole numbers, spaces between digit groups
/// allowed. The command's own rules (known services, non-negative counts, unique references) stay the handler's.
/// </summary>
public static class DeliveryReportFile
{
    public static readonly string[] LineColumns = ["service", "channel", "delivered", "refusals"];
    public static readonly string[] LateColumns = ["reference", "service"];

    public static FileRows<DeliveryLine> ReadLines(Stream csv) => Read(csv, LineColumns, row =>
        new DeliveryLine(row.Text("service"), row.Enum<Channel>("channel"), row.Count("delivered"), row.Count("refusals")));

    public static FileRows<LateCase> ReadLateCases(Stream csv) => Read(csv, LateColumns, row =>
        new LateCase(row.Text("reference"), row.Text("service")));

    private static FileRows<T> Read<T>(Stream csv, string[] columns, Func<Row, T> parse)
    {
        var rows = new List<T>();
        var lines = new List<int>();
        var errors = new List<FileRowError>();
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? badData = null;
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";"],
            IgnoreBlankLines = true,
            BadDataFound = args => badData ??= args.Field,
        });
        if (!parser.Read())
            return new FileRows<T>(rows, lines, [new FileRowError(1, "header", $"the file is empty; its first line names the columns: {string.Join(",", columns)}")]);

        var header = (parser.Record ?? []).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            return new FileRows<T>(rows, lines, [new FileRowError((int)parser.RawRow, "header",
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (the first line names the columns: {string.Join(",", columns)})")]);
        var index = columns.ToDictionary(c => c, c => header.IndexOf(c));

        while (parser.Read())
        {
            var line = (int)parser.RawRow;
            if (rows.Count + errors.Count >= InputHygiene.MaxItems)
            {
                errors.Add(new FileRowError(line, "row", $"the file has more than {InputHygiene.MaxItems} rows"));
                break;
            }
            var row = new Row(line, parser.Record ?? [], index, errors);
            if (badData is not null)
            {
                errors.Add(new FileRowError(line, "row", $"a quote inside an unquoted cell near '{Quote.Shorten(badData)}'"));
                badData = null;
                continue;
            }
            var value = parse(row);
            if (row.Valid)
            {
                rows.Add(value);
                lines.Add(line);
            }
        }
        return new FileRows<T>(rows, lines, errors);
    }

    /// <summary>The cells of one row by column name; a cell that does not read adds its error and gives a placeholder.</summary>
    private sealed class Row(int line, string[] cells, IReadOnlyDictionary<string, int> index, List<FileRowError> errors)
    {
        private readonly int _errorsBefore = errors.Count;
        public bool Valid => errors.Count == _errorsBefore;

        private string Cell(string column) => index[column] < cells.Length ? cells[index[column]].Trim() : "";

        private void Error(string column, string reason) => errors.Add(new FileRowError(line, column, reason));

        public string Text(string column)
        {
            var value = Cell(column);
            if (value.Length == 0) Error(column, "is empty");
            return value;
        }

        public long Count(string column)
        {
            var value = Cell(column).Replace(" ", "").Replace("\u00A0", "");
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            Error(column, value.Length == 0 ? "is empty" : $"'{Quote.Shorten(value)}' is not a whole number");
            return 0;
        }

        public TEnum Enum<TEnum>(string column) where TEnum : struct, Enum
        {
            var value = Cell(column);
            if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !value.All(char.IsAsciiDigit))
                return e;
            Error(column, $"'{Quote.Shorten(value)}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
            return default;
        }
    }
}

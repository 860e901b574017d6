using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Monitoring.Api.Web;

/// <summary>How a column's values are shown (and sorted): always from the exact value the read model gives.</summary>
public enum ColumnKind { Text, Integer, Decimal1, Decimal2, Percent1, Flag }

public sealed record Column(string Key, string Header, ColumnKind Kind = ColumnKind.Text, bool Sortable = true);

/// <summary>One row: its cells by column key, and optionally where its first column links to.</summary>
public sealed record Row(IReadOnlyDictionary<string, object?> Cells, string? Link = null, string? Css = null)
{
    public object? this[string key] => Cells.TryGetValue(key, out var v) ? v : null;
}

/// <summary>
/// A table a page shows, sorts (by a link that keeps the page's query, so a sorted table can be bookmarked) and exports
/// as CSV; the header texts are the page's, in the person's language.
/// </summary>
public sealed class Table(string id, string caption, IReadOnlyList<Column> columns, string fileName)
{
    public string Id { get; } = id;
    public string Caption { get; } = caption;
    public IReadOnlyList<Column> Columns { get; } = columns;
    public string FileName { get; } = fileName;
    public List<Row> Rows { get; } = [];
    public string? SortKey { get; private set; }
    public bool Descending { get; private set; }

    public Table Add(string? link, params (string Key, object? Value)[] cells)
    {
        Rows.Add(new Row(cells.ToDictionary(c => c.Key, c => c.Value), link));
        return this;
    }

    /// <summary>Sorts by a column the table has (anything else is ignored: the query string is the person's, not trusted).</summary>
    public Table Sort(string? key, string? direction)
    {
        var column = Columns.FirstOrDefault(c => c.Sortable && string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
        if (column is null) return this;
        SortKey = column.Key;
        Descending = string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase);
        var sorted = (Descending
            ? Rows.OrderByDescending(r => r[column.Key], CellComparer.Instance)
            : Rows.OrderBy(r => r[column.Key], CellComparer.Instance)).ToList();
        Rows.Clear();
        Rows.AddRange(sorted);
        return this;
    }

    /// <summary>A cell as the person reads it: numbers in their culture (a decimal comma in Russian and Kazakh).</summary>
    public static string Format(object? value, ColumnKind kind, IFormatProvider culture) => value switch
    {
        null => "—",
        bool b => b ? "✓" : "",
        decimal d => kind switch
        {
            ColumnKind.Integer => d.ToString("N0", culture),
            ColumnKind.Decimal1 => d.ToString("N1", culture),
            ColumnKind.Percent1 => d.ToString("N1", culture),
            _ => d.ToString("N2", culture),
        },
        int or long => Convert.ToInt64(value).ToString("N0", culture),
        double x => x.ToString(kind == ColumnKind.Decimal1 || kind == ColumnKind.Percent1 ? "N1" : "N2", culture),
        DateTimeOffset t => t.ToLocalTime().ToString("g", culture),
        DateOnly date => date.ToString("d", culture),
        IFormattable f => f.ToString(null, culture),
        _ => value.ToString() ?? "",
    };

    private sealed class CellComparer : IComparer<object?>
    {
        public static readonly CellComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.Compare(a, b, CultureInfo.CurrentCulture, CompareOptions.IgnoreCase),
            (IComparable a, _) when x.GetType() == y.GetType() => a.CompareTo(y),
            _ when IsNumber(x) && IsNumber(y) => Convert.ToDecimal(x).CompareTo(Convert.ToDecimal(y)),
            _ => string.Compare(x.ToString(), y.ToString(), StringComparison.CurrentCulture),
        };

        private static bool IsNumber(object o) => o is int or long or decimal or double;
    }
}

/// <summary>
/// A table as CSV (CsvHelper): plain CSV has invariant numbers and commas; the Excel variant has a byte order mark, the
/// person's list separator (a semicolon where the decimal mark is a comma) and numbers in their culture, so Excel in a
/// Russian or Kazakh locale opens it into columns of numbers.
/// </summary>
public static class TableExport
{
    public static byte[] Csv(Table table, CultureInfo culture, bool excel)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: excel)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(culture)
               {
                   Delimiter = excel ? culture.TextInfo.ListSeparator : ",",
                   // A cell starting with = + - @ would be a formula in a spreadsheet: quoted and prefixed.
                   InjectionOptions = InjectionOptions.Escape,
               }))
        {
            foreach (var column in table.Columns) csv.WriteField(column.Header);
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var column in table.Columns) csv.WriteField(Raw(row[column.Key], culture));
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private static string Raw(object? value, CultureInfo culture) => value switch
    {
        null => "",
        bool b => b ? "1" : "0",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, culture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A table's sort is one query parameter (<c>sort_{id}=key</c>, or <c>-key</c> descending), so it can be bookmarked.</summary>
public static class TableSorting
{
    public static string Parameter(string tableId) => $"sort_{tableId}";

    public static Table SortFrom(this Table table, HttpRequest request)
    {
        var value = request.Query[Parameter(table.Id)].ToString();
        if (value.Length == 0) return table;
        return value.StartsWith('-') ? table.Sort(value[1..], "desc") : table.Sort(value, "asc");
    }
}

namespace Monitoring.Application.Inspections;

/// <summary>
/// An inspection's findings as a CSV file (read as <see cref="CsvFile"/> reads every upload), one violation a line, its
/// columns <see cref="RecordViolation"/>'s fields: <c>violationId,type,serviceCode,period,evidence</c>, and optionally
/// <c>unitCode</c>, <c>count</c> and <c>cases</c> (case references separated by <c>;</c> — quote the cell when the file's
/// own separator is <c>;</c>). A type is one of <see cref="ViolationType"/>'s names. Every cell is read and passes the
/// shared input checks here, each error named by line and column; the rules of a violation are then the command's
/// (<see cref="ImportViolations"/>: a single violation's validator, then the inspection's own rules), which name rows by
/// their file lines as well. Other columns are refused: a misspelt optional column would lose its data.
/// </summary>
public static class ViolationFile
{
    public static readonly string[] Required = ["violationId", "type", "serviceCode", "period", "evidence"];
    public static readonly string[] Optional = ["unitCode", "count", "cases"];

    public static FileRows<RecordViolation> Read(Stream csv, string inspectionId, int maxRows) =>
        CsvFile.Read(csv, new CsvShape(Required, Optional, RefuseUnknownColumns: true, maxRows), row =>
        {
            var violation = new RecordViolation(inspectionId, row.Text("violationId"), row.Enum<ViolationType>("type"), row.Text("serviceCode"),
                row.OptionalText("unitCode"), (int)row.Count("period", max: int.MaxValue), row.Count("count", empty: 0),
                row.Cell("cases").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } cases ? cases : null,
                row.Text("evidence"));
            // The cells' characters and sizes here, by line (as the API checks every input); the rules of a violation are the
            // command's (ImportViolationsValidator names a row by its line too). Text is stored as given: a cell such as
            // "=HYPERLINK(…)" is text, and whoever exports it to a spreadsheet escapes it.
            if (row.Valid) foreach (var (field, reason) in InputHygiene.Check(violation).Where(p => p.Field != "inspectionId")) row.Error(field, reason);
            return violation;
        });
}

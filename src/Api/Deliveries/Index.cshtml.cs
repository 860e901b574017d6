using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Application.Deliveries;
using Monitoring.Domain.Deliveries;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Deliveries;

namespace Monitoring.Api.Deliveries;

/// <summary>
/// <c>/deliveries</c>: the delivery reports submitted for a body (a steward's own; an admin's choice) by period, and the
/// form to submit one (<see cref="SubmitDeliveryReport"/>) with its lines and late deliveries uploaded as CSV files, read by
/// <see cref="DeliveryReportFile"/>. A file with a row that does not read is sent nowhere: each bad row is named on the
/// form; a row the API then refuses (an unknown service, a negative count) is named by its file line too.
/// </summary>
[Authorize(Policy = WebPolicies.ReportWrite)]
public sealed partial class IndexModel(ReportQueries reports, CatalogueQueries catalogue, IStringLocalizer<UiText> T, TimeProvider clock)
    : BodyScopedPage(catalogue)
{
    public const string LinesField = "lines";
    public const string LateField = "lateDeliveries";

    [BindProperty(Name = "reference")] public string? Reference { get; set; }
    [BindProperty(Name = "source")] public DeliverySource? Source { get; set; }
    [BindProperty(Name = "bodyCode")] public string? BodyCode { get; set; }
    [BindProperty(Name = "lateDataSubmissions")] public int? LateDataSubmissions { get; set; }
    [BindProperty(Name = LinesField)] public IFormFile? LinesFile { get; set; }
    [BindProperty(Name = LateField)] public IFormFile? LateFile { get; set; }

    public static readonly string[] FormFields = ["reference", "source", "bodyCode", "period", LinesField, LateField, "lateDataSubmissions"];

    /// <summary>Row-level reasons by file field (<see cref="LinesField"/>, <see cref="LateField"/>): "line 3 · delivered: …".</summary>
    public Dictionary<string, List<string>> RowErrors { get; } = new() { [LinesField] = [], [LateField] = [] };

    /// <summary>The period a new report is for: the one chosen (the form's field is the filter's, <c>period</c>), else last year.</summary>
    public int DefaultPeriod => Period ?? clock.GetLocalNow().Year - 1;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        var submitted = ScopeBody is null ? [] : await reports.DeliveryReportsAsync(ScopeBody, Period, ct);
        var table = new Table("reports", T["DeliveryReports"],
        [
            new Column("reference", T["Reference"]),
            new Column("period", T["Period"]),
            new Column("source", T["Source"]),
            new Column("lines", T["Lines"], ColumnKind.Integer),
            new Column("delivered", T["Delivered"], ColumnKind.Integer),
            new Column("refusals", T["Refusals"], ColumnKind.Integer),
            new Column("late", T["LateCases"], ColumnKind.Integer),
            new Column("lateData", T["LateData"], ColumnKind.Integer),
            new Column("submittedBy", T["SubmittedBy"]),
            new Column("submittedAt", T["SubmittedAt"]),
        ], $"delivery-reports-{ScopeBody}");
        var lines = new Table("lines", T["ReportLines"],
        [
            new Column("reference", T["Reference"]),
            new Column("period", T["Period"]),
            new Column("service", T["Service"]),
            new Column("channel", T["Channel"]),
            new Column("delivered", T["Delivered"], ColumnKind.Integer),
            new Column("refusals", T["Refusals"], ColumnKind.Integer),
        ], $"delivery-lines-{ScopeBody}");
        foreach (var view in submitted)
        {
            var r = view.Report;
            table.Add(null, ("reference", r.Reference), ("period", r.Period.ToString()), ("source", T[$"Source_{r.Source}"].Value),
                ("lines", r.Lines.Count), ("delivered", r.Lines.Sum(l => l.Delivered)), ("refusals", r.Lines.Sum(l => l.Refusals)),
                ("late", r.LateDeliveries.Count), ("lateData", r.LateDataSubmissions), ("submittedBy", view.SubmittedBy.RecordedBy),
                ("submittedAt", view.SubmittedBy.RecordedAt));
            foreach (var l in r.Lines)
                lines.Add(null, ("reference", r.Reference), ("period", r.Period.ToString()), ("service", l.ServiceCode),
                    ("channel", T[$"Channel_{l.Channel}"].Value), ("delivered", l.Delivered), ("refusals", l.Refusals));
        }
        Tables.Add(table.SortFrom(Request));
        Tables.Add(lines.SortFrom(Request));
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var lines = Read(LinesFile, LinesField, DeliveryReportFile.ReadLines, required: true);
        var late = Read(LateFile, LateField, DeliveryReportFile.ReadLateCases, required: false);
        if (!ModelState.IsValid) return await RefusedPageAsync(ct); // nothing is sent while a row does not read

        var reference = Reference?.Trim() ?? "";
        var result = await SendAsync(new SubmitDeliveryReport(reference, Source ?? DeliverySource.BodyReport, CommandBody(BodyCode), Period ?? 0,
            lines?.Rows ?? [], late?.Rows, LateDataSubmissions ?? 0), ct);
        if (result is null)
        {
            ToFileLines(LinesField, lines);
            ToFileLines(LateField, late);
            return await RefusedPageAsync(ct);
        }
        Flash = T["ReportSubmitted", reference, lines!.Rows.Count, late?.Rows.Count ?? 0];
        return Redirect(AddressFor("/deliveries", BodyCode));
    }

    /// <summary>Reads an uploaded file; its bad rows go on the form under its field (the file's own line numbers).</summary>
    private FileRows<TRow>? Read<TRow>(IFormFile? file, string field, Func<Stream, FileRows<TRow>> read, bool required)
    {
        if (file is null || file.Length == 0)
        {
            if (required) FieldError(field, T["FileRequired"]);
            return null;
        }
        using var stream = file.OpenReadStream();
        var rows = read(stream);
        foreach (var e in rows.Errors) RowErrors[field].Add(T["RowError", e.Line, e.Column, e.Reason]);
        if (rows.Errors.Count > 0) FieldError(field, T["FileHasErrors", file.FileName, rows.Errors.Select(e => e.Line).Distinct().Count()]);
        return rows;
    }

    /// <summary>The API names a refused row by its index in the command (<c>lines[2].delivered</c>): named here by its file line.</summary>
    private void ToFileLines<TRow>(string field, FileRows<TRow>? rows)
    {
        if (rows is null) return;
        foreach (var key in ModelState.Keys.ToList())
        {
            var match = RowKey().Match(key);
            if (!match.Success || !string.Equals(match.Groups["field"].Value, field, StringComparison.OrdinalIgnoreCase)) continue;
            var index = int.Parse(match.Groups["index"].Value);
            var line = index < rows.Lines.Count ? rows.Lines[index] : index + 2;
            foreach (var error in ModelState[key]!.Errors)
                RowErrors[field].Add(T["RowError", line, match.Groups["column"].Value, error.ErrorMessage]);
            ModelState.Remove(key);
            FieldError(field, T["FileRefused"]);
        }
    }

    [GeneratedRegex(@"^(?<field>\w+)\[(?<index>\d+)\]\.?(?<column>.*)$")]
    private static partial Regex RowKey();
}

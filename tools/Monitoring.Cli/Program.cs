using System.Text.Json;
using Marten;
using Monitoring.Application.Surveys.Import;
using Monitoring.Projections;
using Spectre.Console;

// monitoring import-responses --campaign CODE --file PATH [--format csv|jsonl] [--skip-invalid] [--connection CS] [--user NAME]
// monitoring import-published --file data/surveys/national-2017.json [--connection CS] [--user NAME]
// monitoring verify [--public-key PEM-FILE]... [--digest EXPORTED-DIGEST.json]... [--json] [--max-problems N]
// The connection string comes from --connection or ConnectionStrings__Monitoring; ConnectionStrings__MonitoringOwner, if set,
// migrates the schema first.

string? Option(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var command = args.FirstOrDefault();
if (command is not ("import-responses" or "import-published" or "verify"))
{
    AnsiConsole.MarkupLine("[bold]monitoring[/] verify [[--public-key PEM-FILE]]... [[--digest EXPORTED-DIGEST.json]]... [[--json]] [[--connection CS]]");
    AnsiConsole.MarkupLine("[bold]monitoring[/] import-responses --campaign CODE --file PATH [[--format csv|jsonl]] [[--skip-invalid]] [[--connection CS]] [[--user NAME]]");
    AnsiConsole.MarkupLine("[bold]monitoring[/] import-published --file PATH [[--connection CS]] [[--user NAME]]");
    return 2;
}
var connection = Option("--connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Monitoring");
if (string.IsNullOrWhiteSpace(connection))
{
    AnsiConsole.MarkupLine("[red]No database:[/] pass --connection or set ConnectionStrings__Monitoring");
    return 2;
}
if (command == "verify") return await VerifyCommand.RunAsync(args, connection, Option("--schema") ?? MonitoringStore.DefaultSchema);

var file = Option("--file");
if (file is null || !File.Exists(file))
{
    AnsiConsole.MarkupLine($"[red]No such file:[/] {Markup.Escape(file ?? "(none)")}");
    return 2;
}
var user = Option("--user") ?? $"{Environment.UserName} (cli)";
var correlation = $"cli:{Guid.NewGuid():N}";
var schema = Option("--schema") ?? MonitoringStore.DefaultSchema;
// With a schema owner (README, "Secure it") the owner migrates and grants, and the import runs as the application role.
var owner = Environment.GetEnvironmentVariable("ConnectionStrings__MonitoringOwner");
if (!string.IsNullOrWhiteSpace(owner))
    await Monitoring.Projections.Common.DatabaseRoles.PrepareAsync(owner, connection, schema, []);
using var store = DocumentStore.For(o =>
{
    MonitoringStore.Configure(o, connection, schema);
    if (!string.IsNullOrWhiteSpace(owner)) o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
});
if (string.IsNullOrWhiteSpace(owner))
{
    // One connection migrates, then creates what Marten does not manage (the journal's trigger), as the API does.
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    await using var conn = new Npgsql.NpgsqlConnection(connection);
    await conn.OpenAsync();
    foreach (var sql in MonitoringStore.OwnerSql(schema))
    {
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

if (command == "import-published")
{
    var published = JsonSerializer.Deserialize<PublishedReportFile>(await File.ReadAllTextAsync(file), PublishedReportFile.Json)!;
    var result = await new PublishedReportImporter(store).ImportAsync(published, user, correlation, CancellationToken.None);
    AnsiConsole.MarkupLine($"[green]{result.CampaignCode}[/]: {result.DistributionsImported} distributions imported, " +
                           $"{result.ServicesAlreadyImported} services already there, {result.Warnings} cross-check warnings");
    return 0;
}

var campaign = Option("--campaign");
if (campaign is null)
{
    AnsiConsole.MarkupLine("[red]--campaign CODE is required[/]");
    return 2;
}
var format = (Option("--format") ?? Path.GetExtension(file).TrimStart('.')).ToLowerInvariant() is "jsonl" or "ndjson" or "json"
    ? ImportFormat.JsonLines
    : ImportFormat.Csv;
if (!File.Exists(file)) { AnsiConsole.MarkupLine($"[red]no such file: {Markup.Escape(file)}[/]"); return 2; }
ImportReport report = null!;
try
{
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
    .StartAsync(async ctx =>
    {
        var checking = ctx.AddTask("Reading and checking rows").IsIndeterminate();
        var writing = ctx.AddTask("Writing batches", autoStart: false);
        var progress = new Progress<ImportProgress>(p =>
        {
            if (checking.IsIndeterminate) { checking.IsIndeterminate(false); checking.Value = checking.MaxValue; checking.StopTask(); writing.StartTask(); }
            writing.MaxValue = p.BatchesTotal;
            writing.Value = p.BatchesDone;
        });
        // No projection runs in this process, so nothing waits on the gate.
        report = await new SurveyResponseImporter(store, new Monitoring.Projections.Common.BulkImportGate()).ImportAsync(campaign, () => File.OpenRead(file), format, user, correlation,
            new ImportOptions(SkipInvalidRows: args.Contains("--skip-invalid")), progress, CancellationToken.None);
        checking.Value = checking.MaxValue;
        writing.Value = writing.MaxValue;
    });
}
catch (Monitoring.Domain.Common.NotFound e)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
    return 2;
}

if (report.Errors.Count > 0)
{
    var table = new Table().AddColumns("line", "field", "reason");
    foreach (var e in report.Errors.Take(30)) table.AddRow(e.Line.ToString(), Markup.Escape(e.Field), Markup.Escape(e.Reason));
    AnsiConsole.Write(table);
    if (report.Errors.Count > 30) AnsiConsole.MarkupLine($"… and {report.Rejected - 30} more invalid rows");
}
AnsiConsole.MarkupLine(report.Committed
    ? $"[green]Imported {report.Imported:N0}[/] of {report.Rows:N0} rows ({report.AlreadyImported:N0} were already there, {report.Rejected:N0} invalid skipped) in {report.Seconds:N1} s; file {report.FileHash}"
    : $"[red]Nothing imported:[/] {report.Rejected:N0} of {report.Rows:N0} rows are invalid. Fix them, or pass --skip-invalid.");
return report.Committed ? 0 : 1;

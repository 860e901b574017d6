using System.ComponentModel;
using System.Text.Json;
using Marten;
using Monitoring.Application.Surveys.Import;
using Monitoring.Projections;
using Monitoring.Projections.Common;
using Spectre.Console;
using Spectre.Console.Cli;

/// <summary><c>monitoring import-responses</c>: a CSV or JSON Lines file of answers, with a progress bar.</summary>
public sealed class ImportResponsesCommand : AsyncCommand<ImportResponsesCommand.Settings>
{
    public sealed class Settings : ImportSettings
    {
        [CommandOption("--campaign <CODE>")]
        [Description("The campaign the answers belong to")]
        public string? Campaign { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("csv or jsonl (default: from the file's extension)")]
        public string? Format { get; init; }

        [CommandOption("--skip-invalid")]
        [Description("Import the valid rows and skip the invalid ones (else nothing is imported while a row is invalid)")]
        public bool SkipInvalid { get; init; }

        public override ValidationResult Validate()
        {
            var import = base.Validate();
            if (!import.Successful) return import;
            return Campaign is null ? ValidationResult.Error("--campaign CODE is required") : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (user, correlation, file, campaign) = (settings.User, $"cli:{Guid.NewGuid():N}", settings.File!, settings.Campaign!);
        using var store = await ImportStore.OpenStoreAsync(settings);
        var format = (settings.Format ?? Path.GetExtension(file).TrimStart('.')).ToLowerInvariant() is "jsonl" or "ndjson" or "json"
            ? ImportFormat.JsonLines
            : ImportFormat.Csv;
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
                        if (p.Phase == ImportPhase.Checking)
                        {
                            checking.Description = $"Reading and checking rows ({p.RowsChecked:N0})";
                            return;
                        }
                        if (checking.IsIndeterminate) { checking.IsIndeterminate(false); checking.Value = checking.MaxValue; checking.StopTask(); writing.StartTask(); }
                        writing.MaxValue = p.BatchesTotal;
                        writing.Value = p.BatchesDone;
                    });
                    report = await new SurveyResponseImporter(store, new BulkImportGate(), new Monitoring.Projections.Surveys.AggregateLanes()).ImportAsync(campaign, () => System.IO.File.OpenRead(file), format, user, correlation,
                        new ImportOptions(SkipInvalidRows: settings.SkipInvalid), progress, cancellationToken);
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
    }
}

/// <summary><c>monitoring import-published</c>: distributions transcribed from a published report (JSON).</summary>
public sealed class ImportPublishedCommand : AsyncCommand<ImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        using var store = await ImportStore.OpenStoreAsync(settings);
        var published = JsonSerializer.Deserialize<PublishedReportFile>(await System.IO.File.ReadAllTextAsync(settings.File!, cancellationToken), PublishedReportFile.Json)!;
        var result = await new PublishedReportImporter(store).ImportAsync(published, settings.User, $"cli:{Guid.NewGuid():N}", cancellationToken);
        AnsiConsole.MarkupLine($"[green]{result.CampaignCode}[/]: {result.DistributionsImported} distributions imported, " +
                               $"{result.ServicesAlreadyImported} services already there, {result.Warnings} cross-check warnings");
        return 0;
    }
}

static class ImportStore
{
    /// <summary>The store an import writes through, with the schema migrated first.</summary>
    public static async Task<DocumentStore> OpenStoreAsync(DatabaseSettings settings)
    {
        var (connection, schema) = (settings.ConnectionString, settings.Schema);
        // With a schema owner (README, "Secure it") the owner migrates and grants, and the import runs as the application role.
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__MonitoringOwner");
        if (!string.IsNullOrWhiteSpace(owner))
            await Monitoring.Projections.Common.DatabaseRoles.PrepareAsync(owner, connection, schema, []);
        var store = DocumentStore.For(o =>
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
            await DatabaseRoles.ApplyOwnerSqlAsync(conn, schema, CancellationToken.None);
        }
        return store;
    }
}

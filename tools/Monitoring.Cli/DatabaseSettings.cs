using System.ComponentModel;
using Monitoring.Projections;
using Spectre.Console;
using Spectre.Console.Cli;

/// <summary>The database every command works on: <c>--connection</c>, else <c>ConnectionStrings__Monitoring</c>.</summary>
public class DatabaseSettings : CommandSettings
{
    [CommandOption("--connection <CS>")]
    [Description("Connection string (default: ConnectionStrings__Monitoring)")]
    public string? Connection { get; init; }

    [CommandOption("--schema <NAME>")]
    [Description("Schema of the event store")]
    [DefaultValue(MonitoringStore.DefaultSchema)]
    public string Schema { get; init; } = MonitoringStore.DefaultSchema;

    public string ConnectionString => Connection ?? Environment.GetEnvironmentVariable("ConnectionStrings__Monitoring") ?? "";

    // Program.cs prints the message and exits with 2.
    public override ValidationResult Validate() => string.IsNullOrWhiteSpace(ConnectionString)
        ? ValidationResult.Error("No database: pass --connection or set ConnectionStrings__Monitoring")
        : ValidationResult.Success();

    protected static ValidationResult NoSuchFile(string? path) =>
        ValidationResult.Error($"No such file: {path ?? "(none)"}");
}

/// <summary>An import: a file, and the user the events are recorded for.</summary>
public class ImportSettings : DatabaseSettings
{
    [CommandOption("--file <PATH>")]
    [Description("The file to import")]
    public string? File { get; init; }

    [CommandOption("--user <NAME>")]
    [Description("Recorded as who imported (default: the OS user name with \" (cli)\")")]
    public string User { get; init; } = $"{Environment.UserName} (cli)";

    public override ValidationResult Validate()
    {
        var database = base.Validate();
        if (!database.Successful) return database;
        return File is null || !System.IO.File.Exists(File) ? NoSuchFile(File) : ValidationResult.Success();
    }
}

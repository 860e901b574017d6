using Spectre.Console;
using Spectre.Console.Cli;

// monitoring import-responses --campaign CODE --file PATH [--format csv|jsonl] [--skip-invalid] [--connection CS] [--user NAME]
// monitoring import-published --file data/surveys/national-2017.json [--connection CS] [--user NAME]
// monitoring verify [--public-key PEM-FILE]... [--digest EXPORTED-DIGEST.json]... [--json] [--max-problems N]
// The connection string comes from --connection or ConnectionStrings__Monitoring; ConnectionStrings__MonitoringOwner, if set,
// migrates the schema first. Exit codes: 0 done, 1 import not committed or journal not intact, 2 usage or missing input.

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("monitoring");
    // Spectre answers a parse or validation error with -1; this tool's contract is 2, so the error comes back here.
    config.PropagateExceptions();
    // An unknown option is a mistake to report, not something to ignore.
    config.UseStrictParsing();
    config.AddCommand<ImportResponsesCommand>("import-responses")
        .WithDescription("Imports a file of survey answers into a campaign, all or nothing (resumable)")
        .WithExample("import-responses", "--campaign", "KZ-NPM-2019", "--file", "answers.csv", "--skip-invalid");
    config.AddCommand<ImportPublishedCommand>("import-published")
        .WithDescription("Imports per-service distributions transcribed from a published report")
        .WithExample("import-published", "--file", "data/surveys/national-2018.json");
    config.AddCommand<VerifyCommand>("verify")
        .WithDescription("Recomputes the journal and checks every signed digest; exit code 1 when not intact")
        .WithExample("verify", "--public-key", "journal.pem", "--digest", "exported.json");
});

// No command is a usage error, as before: the help, and 2.
if (args.Length == 0)
{
    await app.RunAsync(["--help"]);
    return 2;
}
try
{
    return await app.RunAsync(args);
}
catch (CommandAppException e)
{
    // A parse error comes with Spectre's rendering of the bad token; a validation error is the settings' own sentence.
    if (e.Pretty is not null) AnsiConsole.Write(e.Pretty);
    else AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
    return 2;
}

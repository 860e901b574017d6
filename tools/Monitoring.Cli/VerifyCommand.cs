using System.ComponentModel;
using System.Text.Json;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Common;
using Monitoring.Projections.Journal;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

/// <summary>
/// <c>monitoring verify</c>: recomputes the journal from the stored events and checks every signed digest, with the
/// public keys given (<c>--public-key</c>, or the key in <c>Journal__SigningKey</c>), and any digest handed over as a
/// file (<c>--digest</c>, as exported by <c>GET /api/journal/digests/{id}</c>). Exit code 0 when intact, 1 when not.
/// </summary>
public sealed class VerifyCommand : AsyncCommand<VerifyCommand.Settings>
{
    public sealed class Settings : DatabaseSettings
    {
        [CommandOption("--public-key <PEM-FILE>")]
        [Description("A public key the digests must be signed with (repeatable; else Journal__SigningKey, else the keys in the database)")]
        public string[] PublicKeys { get; init; } = [];

        [CommandOption("--digest <EXPORTED-DIGEST.json>")]
        [Description("A digest exported by GET /api/journal/digests/{id}, checked against the journal (repeatable)")]
        public string[] Digests { get; init; } = [];

        [CommandOption("--json")]
        [Description("Print the report as JSON")]
        public bool Json { get; init; }

        [CommandOption("--max-problems <N>")]
        [Description("Problems listed at most")]
        [DefaultValue(100)]
        public int MaxProblems { get; init; } = 100;

        public override ValidationResult Validate()
        {
            var database = base.Validate();
            if (!database.Successful) return database;
            return PublicKeys.Concat(Digests).FirstOrDefault(p => !System.IO.File.Exists(p)) is { } missing ? NoSuchFile(missing) : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (connection, schema, maxProblems) = (settings.ConnectionString, settings.Schema, settings.MaxProblems);
        var keys = new List<DigestSigner>();
        foreach (var path in settings.PublicKeys) keys.Add(DigestSigner.FromPublicKeyPem(await File.ReadAllTextAsync(path)));
        if (Environment.GetEnvironmentVariable("Journal__SigningKey") is { Length: > 0 } pem) keys.Add(DigestSigner.FromPrivateKeyPem(pem));
        var external = new List<JournalDigest>();
        foreach (var path in settings.Digests)
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var element = doc.RootElement.TryGetProperty("digest", out var inner) ? inner : doc.RootElement;
            external.Add(element.Deserialize<JournalDigest>(new JsonSerializerOptions(JsonSerializerDefaults.Web))
                         ?? throw new InvalidDataException($"{path} holds no digest"));
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        var db = new ReadModelDatabase(dataSource, schema);
        if (keys.Count == 0)
        {
            // Without a key of one's own the digests can only be checked against the keys the database lists, which an
            // insider could replace: said plainly, so nobody mistakes it for an independent check.
            AnsiConsole.MarkupLine("[yellow]No --public-key given: digest signatures are checked against the public keys stored beside them in the database.[/]");
            await using var cmd = dataSource.CreateCommand($"select distinct public_key from {schema}.{JournalSchema.Digests}");
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) keys.Add(DigestSigner.FromPublicKeyPem(r.GetString(0)));
        }
        var report = await new JournalVerifier(db).VerifyAsync(keys, external, maxProblems, cancellationToken);

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return report.Intact ? 0 : 1;
        }
        if (!report.Intact)
        {
            var table = new Table().AddColumns("sequence", "stream", "version", "what", "detail");
            foreach (var p in report.Problems)
                table.AddRow(p.Sequence?.ToString() ?? "", Markup.Escape(p.Stream ?? ""), p.Version?.ToString() ?? "", p.Kind.ToString(), Markup.Escape(p.Detail));
            AnsiConsole.Write(table);
        }
        foreach (var d in report.Digests)
            AnsiConsole.MarkupLine($"digest {d.Id}: tree size {d.TreeSize}, root {d.Root[..16]}…  " +
                                   (d.Problem is null ? "[green]signature and root check[/]" : $"[red]{Markup.Escape(d.Problem)}[/]"));
        AnsiConsole.MarkupLine($"{report.EventsChecked:N0} events checked in {report.Seconds:N1} s; tree size {report.TreeSize:N0}, " +
                               $"{report.Unsealed:N0} not sealed yet");
        AnsiConsole.MarkupLine(report.Intact ? $"[green]{Markup.Escape(report.Summary)}[/]" : $"[red]{Markup.Escape(report.Summary)}[/]");
        return report.Intact ? 0 : 1;
    }
}

using System.Text.Json;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Common;
using Monitoring.Projections.Journal;
using Npgsql;
using Spectre.Console;

/// <summary>
/// <c>monitoring verify</c>: recomputes the journal from the stored events and checks every signed digest, with the
/// public keys given (<c>--public-key</c>, or the key in <c>Journal__SigningKey</c>), and any digest handed over as a
/// file (<c>--digest</c>, as exported by <c>GET /api/journal/digests/{id}</c>). Exit code 0 when intact, 1 when not.
/// </summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(string[] args, string connection, string schema)
    {
        IEnumerable<string> All(string name) => args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]);
        var keys = new List<DigestSigner>();
        foreach (var path in All("--public-key")) keys.Add(DigestSigner.FromPublicKeyPem(await File.ReadAllTextAsync(path)));
        if (Environment.GetEnvironmentVariable("Journal__SigningKey") is { Length: > 0 } pem) keys.Add(DigestSigner.FromPrivateKeyPem(pem));
        var external = new List<JournalDigest>();
        foreach (var path in All("--digest"))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var element = doc.RootElement.TryGetProperty("digest", out var inner) ? inner : doc.RootElement;
            external.Add(element.Deserialize<JournalDigest>(new JsonSerializerOptions(JsonSerializerDefaults.Web))
                         ?? throw new InvalidDataException($"{path} holds no digest"));
        }
        var maxProblems = int.TryParse(args.SkipWhile(a => a != "--max-problems").Skip(1).FirstOrDefault(), out var m) ? m : 100;

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
        var report = await new JournalVerifier(db).VerifyAsync(keys, external, maxProblems, CancellationToken.None);

        if (args.Contains("--json"))
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

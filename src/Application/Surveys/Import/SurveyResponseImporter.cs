using System.Diagnostics;
using System.Security.Cryptography;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;

namespace Monitoring.Application.Surveys.Import;

public sealed record ImportOptions(bool SkipInvalidRows = false, int BatchSize = 1_000, int Parallelism = 4);

public sealed record ImportRowError(int Line, string Field, string Reason);

public sealed record ImportProgress(int BatchesDone, int BatchesTotal, long RowsWritten);

/// <summary>What an import did. <see cref="Committed"/> is false when invalid rows stopped it before anything was written.</summary>
public sealed record ImportReport(
    string CampaignCode, string FileHash, int Rows, int Imported, int AlreadyImported, int Rejected, int Batches,
    bool Committed, IReadOnlyList<ImportRowError> Errors, double Seconds, double CheckSeconds = 0);

/// <summary>
/// Bulk import of survey answers from a file. Every row is read and checked first; with invalid rows nothing is
/// written (unless told to skip them) and every bad row is reported with its line, field and reason. Valid rows are
/// appended in batches, each batch one event in one stream <c>import:{campaign}:{file hash}:{batch}</c> committed atomically:
/// re-sending the same file, or resuming after a crash, finds the batches already written and adds nothing twice;
/// batches go in parallel sessions, so there is no hot stream to contend on.
/// </summary>
public sealed class SurveyResponseImporter(IDocumentStore store)
{
    public const int MaxReportedErrors = 1_000;

    public static string BatchStreamKey(string campaign, string fileHash, int batch) => $"import:{campaign}:{fileHash}:{batch:D6}";

    public static string FileHash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    public async Task<ImportReport> ImportAsync(string campaignCode, byte[] content, ImportFormat format, string? userName,
        string? correlationId, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var gate = BulkImportGate.Enter();
        var hash = FileHash(content);
        SurveyContext context;
        await using (var query = store.QuerySession())
            context = await SurveyContext.LoadAsync(query, campaignCode, null, ct);

        var (events, errors, rows) = Check(context, content, format, hash);
        var checkSeconds = clock.Elapsed.TotalSeconds;
        if (errors.Count > 0 && !options.SkipInvalidRows)
            return new ImportReport(campaignCode, hash, rows, 0, 0, errors.Count, 0, false, errors.Take(MaxReportedErrors).ToList(),
                clock.Elapsed.TotalSeconds, checkSeconds);

        var batches = events.Chunk(options.BatchSize).Select((chunk, index) => (Index: index, Events: chunk)).ToList();
        long written = 0, skipped = 0;
        var done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (batch, token) =>
            {
                var key = BatchStreamKey(campaignCode, hash, batch.Index);
                await using var session = store.LightweightSession();
                session.CorrelationId = correlationId;
                session.LastModifiedBy = userName;
                session.SetHeader("import-file", hash);
                if (await session.Events.FetchStreamStateAsync(key, token) is not null)
                {
                    Interlocked.Add(ref skipped, batch.Events.Length);
                }
                else
                {
                    session.Events.StartStream(key, new SurveyResponsesImported(campaignCode, context.Campaign.Period, hash, batch.Index, batch.Events));
                    try
                    {
                        await session.SaveChangesAsync(token);
                        Interlocked.Add(ref written, batch.Events.Length);
                    }
                    catch (Exception e) when (StreamCollision.Is(e, out _))
                    {
                        Interlocked.Add(ref skipped, batch.Events.Length); // a concurrent import of the same file won the race
                    }
                }
                progress?.Report(new ImportProgress(Interlocked.Increment(ref done), batches.Count, Interlocked.Read(ref written) + Interlocked.Read(ref skipped)));
            });

        return new ImportReport(campaignCode, hash, rows, (int)written, (int)skipped, errors.Count, batches.Count, true,
            errors.Take(MaxReportedErrors).ToList(), clock.Elapsed.TotalSeconds, checkSeconds);
    }

    /// <summary>Reads and checks every row (in parallel); returns the events of the valid rows in file order.</summary>
    public static (List<ImportedAnswer> Events, List<ImportRowError> Errors, int Rows) Check(SurveyContext context, byte[] content, ImportFormat format, string hash)
    {
        var rows = ResponseFileReader.Read(content, format);
        var checkedRows = new (SurveyResponseRecorded? Event, IReadOnlyList<(string Field, string Reason)> Problems)[rows.Length];
        Parallel.For(0, (rows.Length + 9_999) / 10_000, chunk =>
        {
            for (var i = chunk * 10_000; i < Math.Min(rows.Length, (chunk + 1) * 10_000); i++)
            {
                var row = rows[i];
                if (row.Input is null)
                {
                    checkedRows[i] = (null, row.Errors);
                    continue;
                }
                var input = string.IsNullOrWhiteSpace(row.Input.ResponseId) ? row.Input with { ResponseId = $"{hash}-{row.Line}" } : row.Input;
                var passport = context.PassportOf(input.ServiceCode);
                var recorded = input.ToEvent(context.Campaign, passport, SurveySource.FileImport, $"{hash}:{row.Line}");
                checkedRows[i] = (recorded, context.Campaign.Check(recorded, passport));
            }
        });

        var events = new List<ImportedAnswer>(rows.Length);
        var errors = new List<ImportRowError>();
        var ids = new HashSet<string>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var (recorded, problems) = checkedRows[i];
            var line = rows[i].Line;
            errors.AddRange(problems.Select(p => new ImportRowError(line, p.Field, p.Reason)));
            if (recorded is null || problems.Count > 0) continue;
            if (!ids.Add(recorded.ResponseId)) errors.Add(new ImportRowError(line, "responseId", $"'{recorded.ResponseId}' appears earlier in the file"));
            else events.Add(ImportedAnswer.From(recorded, line));
        }
        return (events, errors, rows.Length);
    }
}

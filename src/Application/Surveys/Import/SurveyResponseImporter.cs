using System.Diagnostics;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Monitoring.Projections.Common;

namespace Monitoring.Application.Surveys.Import;

public sealed record ImportOptions(bool SkipInvalidRows = false, int BatchSize = 5_000, int Parallelism = 4);

public sealed record ImportRowError(int Line, string Field, string Reason);

/// <summary>An import reads and checks every row first, then writes the valid ones in batches.</summary>
public enum ImportPhase { Checking, Writing }

/// <summary>How far an import is: rows checked so far (the whole file once writing starts), then batches and rows written.</summary>
public sealed record ImportProgress(ImportPhase Phase, long RowsChecked, int BatchesDone, int BatchesTotal, long RowsWritten);

/// <summary>What an import did. <see cref="Committed"/> is false when invalid rows stopped it before anything was written.</summary>
public sealed record ImportReport(
    string CampaignCode, string FileHash, int Rows, int Imported, int AlreadyImported, int Rejected, int Batches,
    bool Committed, IReadOnlyList<ImportRowError> Errors, double Seconds, double CheckSeconds = 0);

/// <summary>
/// Bulk import of survey answers from a file, streamed (memory holds one chunk of rows, whatever the file's size).
/// Every row is read and checked first; with invalid rows nothing is written (unless told to skip them) and every bad
/// row is reported with its line, field and reason. Valid rows are appended in batches, each batch one event in one
/// stream <c>import:{campaign}:{file hash}:{first line}</c> committed atomically together with the response ids it
/// takes (<see cref="ResponseIds"/>): an answer whose id is already recorded in the campaign — by this file sent
/// again, the same answers with other line endings, a single answer, a concurrent import — is reported as already
/// recorded and never counted twice. A failure half way leaves whole batches only, and sending the file again
/// completes exactly the rest. Batches go in parallel sessions, so there is no hot stream to contend on. Each batch
/// writes its read models (facts and aggregates) in its own transaction too, so they are current when the import returns.
/// </summary>
public sealed class SurveyResponseImporter(IDocumentStore store, IBulkImportGate importGate, AggregateLanes lanes)
{
    public const int MaxReportedErrors = 1_000;

    public static string BatchStreamKey(string campaign, string fileHash, int firstLine) => $"import:{campaign}:{fileHash}:{firstLine:D7}";

    public Task<ImportReport> ImportAsync(string campaignCode, byte[] content, ImportFormat format, string? userName,
        string? correlationId, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        ImportAsync(campaignCode, () => new MemoryStream(content, writable: false), format, userName, correlationId, options, progress, ct);

    /// <param name="open">Opens the file from its start; called once per pass (hash, check, write).</param>
    public async Task<ImportReport> ImportAsync(string campaignCode, Func<Stream> open, ImportFormat format, string? userName,
        string? correlationId, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var gate = importGate.Enter();
        var hash = ResponseFileReader.ContentHash(open);
        SurveyContext context;
        await using (var query = store.QuerySession())
            context = await SurveyContext.LoadAsync(query, campaignCode, ct);

        // Pass 1: check every row; keep only what the report needs (errors, counts), not the answers.
        var errors = new List<ImportRowError>();
        var rejected = 0;
        var rows = 0;
        var valid = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var refusedLines = new HashSet<int>();
        foreach (var chunk in ResponseFileReader.ReadChunks(open, format, context.Campaign))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var (line, answer, found) in Check(context, chunk, hash))
            {
                rows++;
                var problems = found;
                if (problems.Count == 0 && !seen.Add(answer!.ResponseId))
                    problems = [("responseId", $"'{answer.ResponseId}' appears earlier in the file")];
                if (problems.Count > 0)
                {
                    rejected++;
                    refusedLines.Add(line);
                    if (errors.Count < MaxReportedErrors) errors.AddRange(problems.Select(p => new ImportRowError(line, p.Field, p.Reason)));
                }
                else valid++;
            }
            progress?.Report(new ImportProgress(ImportPhase.Checking, rows, 0, 0, 0));
        }
        // One lookup for the whole file: a file none of whose ids is recorded yet (the usual case) writes its batches
        // without looking each one up; the key still refuses an id a concurrent writer takes meanwhile.
        bool anyTaken;
        await using (var query = store.QuerySession())
            anyTaken = await ResponseIds.AnyTakenAsync(query, campaignCode, [.. seen], ct);
        seen.Clear();
        var checkSeconds = clock.Elapsed.TotalSeconds;
        if (rejected > 0 && !options.SkipInvalidRows)
            return new ImportReport(campaignCode, hash, rows, 0, 0, rejected, 0, false, errors.Take(MaxReportedErrors).ToList(),
                clock.Elapsed.TotalSeconds, checkSeconds);

        // Pass 2: read again and write the valid rows in batches; each batch takes its response ids in its own transaction.
        // The file is read by one task while batches are written by others, through a short queue (bounded memory).
        long written = 0, already = 0;
        var done = 0;
        var batchesTotal = (valid + options.BatchSize - 1) / options.BatchSize;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // One batch read ahead per writer: what is in memory at once is two batches per writer, whatever the file's size.
        var queue = Channel.CreateBounded<ImportedAnswer[]>(new BoundedChannelOptions(options.Parallelism) { SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in Batches(open, format, context, hash, refusedLines, options.BatchSize))
                    await queue.Writer.WriteAsync(batch, stop.Token);
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            await Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stop.Token),
                new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = stop.Token },
                async (batch, token) =>
                {
                    var (added, skipped) = await WriteBatchAsync(campaignCode, context.Campaign.Period, hash, batch, anyTaken, userName, correlationId, token);
                    Interlocked.Add(ref written, added);
                    Interlocked.Add(ref already, skipped);
                    MonitoringInstruments.ImportedRows.Add(added);
                    // Counted whether or not anyone listens (the report's batch count is this counter).
                    var finished = Interlocked.Increment(ref done);
                    progress?.Report(new ImportProgress(ImportPhase.Writing, rows, finished, batchesTotal, Interlocked.Read(ref written) + Interlocked.Read(ref already)));
                });
        }
        finally
        {
            await stop.CancelAsync();
            try { await reader; } catch (OperationCanceledException) { }
        }

        return new ImportReport(campaignCode, hash, rows, (int)written, (int)already, rejected, done, true,
            errors.Take(MaxReportedErrors).ToList(), clock.Elapsed.TotalSeconds, checkSeconds);
    }

    /// <summary>
    /// The rows the check passed, in file order, in batches; lazily, so memory holds a few batches. They were checked in
    /// the first pass (the file is on disk, unchanged): here they are only turned into answers.
    /// </summary>
    private static IEnumerable<ImportedAnswer[]> Batches(Func<Stream> open, ImportFormat format, SurveyContext context, string hash,
        HashSet<int> refusedLines, int size) =>
        ResponseFileReader.ReadChunks(open, format, context.Campaign).SelectMany(chunk => chunk)
            .Where(row => row.Input is not null && !refusedLines.Contains(row.Line))
            .Select(row => ImportedAnswer.From(Recorded(context, row.Input!, row.Line, hash).Answer, row.Line))
            .Chunk(size);

    /// <summary>
    /// Writes one batch with the response ids it takes. Ids already recorded are left out first; if a concurrent
    /// writer takes one in between, the database refuses the whole transaction and the batch is filtered again.
    /// </summary>
    private async Task<(int Added, int Skipped)> WriteBatchAsync(string campaign, int period, string hash, ImportedAnswer[] answers,
        bool lookUp, string? userName, string? correlationId, CancellationToken ct)
    {
        var skipped = 0;
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = correlationId;
            session.LastModifiedBy = userName;
            session.SetHeader("import-file", hash);
            var taken = lookUp || attempt > 0
                ? await ResponseIds.TakenAsync(session, answers.Select(a => (campaign, a.ResponseId)).ToList(), ct)
                : [];
            if (taken.Count > 0)
            {
                var rest = answers.Where(a => !taken.Contains((campaign, a.ResponseId))).ToArray();
                skipped += answers.Length - rest.Length;
                answers = rest;
            }
            if (answers.Length == 0) return (0, skipped);

            var key = BatchStreamKey(campaign, hash, answers[0].Line);
            var imported = new SurveyResponsesImported(campaign, period, hash, answers[0].Line, answers);
            var batch = ((Marten.Events.EventGraph)store.Options.Events).BuildEvent(imported);
            (batch.StreamKey, batch.Version, batch.UserName, batch.CorrelationId) = (key, 1, userName, correlationId);
            session.Events.StartStream(key, batch);
            ResponseIds.Take(session, answers.Select(a => (campaign, a.ResponseId)).ToList());
            // The batch's read models go in with it, in the same transaction: current when the import returns.
            using var lane = await lanes.TakeAsync(ct);
            SurveyFactsProjection.QueueImported(session, store.Options.DatabaseSchemaName, batch, imported, lane.Lane);
            try
            {
                await session.SaveChangesAsync(ct);
                return (answers.Length, skipped);
            }
            catch (Exception e) when (attempt < 5 && (ResponseIds.IsTakenConflict(e) || StreamCollision.Is(e, out _)))
            {
                // Another writer took some of these ids (or this very batch) meanwhile: filter again and retry.
            }
        }
    }

    /// <summary>Checks the rows of a chunk (in parallel): the answer as it would be recorded, or why it cannot be.</summary>
    public static (int Line, SurveyResponseRecorded? Answer, IReadOnlyList<(string Field, string Reason)> Problems)[] Check(
        SurveyContext context, ResponseRow[] rows, string hash)
    {
        var checkedRows = new (int, SurveyResponseRecorded?, IReadOnlyList<(string, string)>)[rows.Length];
        Parallel.For(0, rows.Length, CpuWork.Options, i => checkedRows[i] = Check(context, rows[i], hash));
        return checkedRows;
    }

    private static (int, SurveyResponseRecorded?, IReadOnlyList<(string, string)>) Check(SurveyContext context, ResponseRow row, string hash)
    {
        if (row.Input is null) return (row.Line, null, row.Errors);
        if (InputHygiene.Check(row.Input) is { Count: > 0 } hygiene) return (row.Line, null, hygiene);
        var (recorded, passport) = Recorded(context, row.Input, row.Line, hash);
        var problems = context.Campaign.Check(recorded, passport, context.IsTerritory);
        return (row.Line, problems.Count == 0 ? recorded : null, problems);
    }

    /// <summary>A row's answer as it is recorded: a row without an id is known by the file and its line.</summary>
    private static (SurveyResponseRecorded Answer, Monitoring.Domain.Catalogue.ServicePassport? Passport) Recorded(
        SurveyContext context, SurveyResponseInput row, int line, string hash)
    {
        var input = string.IsNullOrWhiteSpace(row.ResponseId) ? row with { ResponseId = $"{hash}-{line}" } : row;
        var passport = context.PassportOf(input.ServiceCode);
        return (input.ToEvent(context.Campaign, passport, SurveySource.FileImport, $"{hash}:{line}"), passport);
    }
}

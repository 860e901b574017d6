using System.Collections.Concurrent;

namespace Monitoring.Api.Surveys;

public enum ImportRunState { Running, Imported, Refused, Failed }

/// <summary>
/// One import of a file of answers started from the imports page, running in the background: its progress as the importer
/// reports it (batches written of batches to write), then its report — or why it stopped.
/// </summary>
public sealed class ImportRun(Guid id, string campaign, string fileName, string startedBy, DateTimeOffset startedAt) : IProgress<ImportProgress>
{
    private readonly Lock _lock = new();
    private ImportProgress? _progress;

    public Guid Id { get; } = id;
    public string Campaign { get; } = campaign;
    public string FileName { get; } = fileName;
    public string StartedBy { get; } = startedBy;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public ImportRunState State { get; private set; } = ImportRunState.Running;
    public ImportReport? Result { get; private set; }
    /// <summary>Why it stopped when it failed: the problem's detail, or null for a fault (logged under <see cref="CorrelationId"/>).</summary>
    public string? Problem { get; private set; }
    public string? CorrelationId { get; init; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public ImportProgress? Progress
    {
        get { lock (_lock) return _progress; }
    }

    /// <summary>Batches finish in parallel: the latest count wins, never an older one arriving late.</summary>
    public void Report(ImportProgress value)
    {
        lock (_lock)
            if (_progress is null || value.Phase > _progress.Phase || value.RowsChecked > _progress.RowsChecked || value.BatchesDone > _progress.BatchesDone)
                _progress = value;
    }

    /// <summary>How far, 0..100: the batches written of those to write; 100 once the file is imported.</summary>
    public int Percent => State == ImportRunState.Imported ? 100
        : Progress is { BatchesTotal: > 0 } p ? (int)(100L * p.BatchesDone / p.BatchesTotal) : 0;

    public bool Finished => State != ImportRunState.Running;

    internal void Finish(ImportReport report, DateTimeOffset at) =>
        (Result, State, FinishedAt) = (report, report.Committed ? ImportRunState.Imported : ImportRunState.Refused, at);

    internal void Fail(string? problem, DateTimeOffset at) => (Problem, State, FinishedAt) = (problem, ImportRunState.Failed, at);
}

/// <summary>An import's progress as the API answers it (<c>GET /api/surveys/imports/{id}</c>).</summary>
/// <remarks><c>percent</c> counts the batches written; while the rows are still being checked it is 0 and <c>rowsChecked</c> grows.</remarks>
public sealed record ImportRunStatus(Guid Id, string Campaign, ImportRunState State, ImportPhase Phase, int Percent, long RowsChecked,
    int BatchesDone, int BatchesTotal, long RowsWritten, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ImportReport? Report, string? Problem)
{
    public static ImportRunStatus Of(ImportRun run)
    {
        var progress = run.Progress;
        return new ImportRunStatus(run.Id, run.Campaign, run.State, progress?.Phase ?? ImportPhase.Checking, run.Percent, progress?.RowsChecked ?? 0,
            progress?.BatchesDone ?? 0, progress?.BatchesTotal ?? 0, progress?.RowsWritten ?? 0, run.StartedAt, run.FinishedAt, run.Result, run.Problem);
    }
}

/// <summary>
/// Imports of answer files started from the pages (or by the API with <c>wait=false</c>), run in the background by the same importer as
/// <c>POST /api/surveys/campaigns/{code}/imports</c> (all or nothing unless told to skip invalid rows) so the page can show
/// the progress while it runs. Kept in this node's memory for an hour after they finish; a run is shown only to the
/// person who started it.
/// </summary>
public sealed class SurveyImportRuns(SurveyResponseImporter importer, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<SurveyImportRuns> logger)
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, ImportRun> _runs = new();

    /// <summary>Starts importing a file already on disk (deleted when the import ends) and returns at once.</summary>
    public ImportRun Start(string campaign, string path, string fileName, ImportFormat format, ImportOptions options, string startedBy,
        string correlationId)
    {
        Forget();
        var run = new ImportRun(Guid.NewGuid(), campaign, fileName, startedBy, time.GetUtcNow()) { CorrelationId = correlationId };
        _runs[run.Id] = run;
        _ = Task.Run(() => RunAsync(run, path, format, options));
        return run;
    }

    public ImportRun? Find(Guid id, string startedBy) =>
        _runs.TryGetValue(id, out var run) && run.StartedBy == startedBy ? run : null;

    private async Task RunAsync(ImportRun run, string path, ImportFormat format, ImportOptions options)
    {
        try
        {
            var report = await importer.ImportAsync(run.Campaign, () => File.OpenRead(path), format, run.StartedBy, run.CorrelationId, options,
                run, lifetime.ApplicationStopping);
            run.Finish(report, time.GetUtcNow());
            logger.LogInformation("Import {Run} of {File} into {Campaign} by {User}: {Imported} imported, {Already} already there, {Rejected} rejected",
                run.Id, run.FileName, run.Campaign, run.StartedBy, report.Imported, report.AlreadyImported, report.Rejected);
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.ProblemOf(e) is { } problem)
        {
            // A refusal (an unknown campaign) or the database gone: what the API would answer.
            logger.LogWarning(e, "Import {Run} into {Campaign} stopped: {Problem}", run.Id, run.Campaign, problem.Detail);
            run.Fail(problem.Detail ?? problem.Title, time.GetUtcNow());
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Run} into {Campaign} failed (correlation {CorrelationId})", run.Id, run.Campaign, run.CorrelationId);
            run.Fail(null, time.GetUtcNow());
        }
        finally
        {
            var size = File.Exists(path) ? new FileInfo(path).Length : 0;
            File.Delete(path);
            MemoryRelease.AfterImport(size);
        }
    }

    private void Forget()
    {
        var before = time.GetUtcNow() - Kept;
        foreach (var (id, run) in _runs)
            if (run.FinishedAt < before) _runs.TryRemove(id, out _);
    }
}

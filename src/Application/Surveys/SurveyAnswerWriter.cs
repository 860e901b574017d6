using System.Threading.Channels;
using Marten.Events;

namespace Monitoring.Application.Surveys;

/// <summary>
/// Group commit of single answers. Answers arriving together are written in one transaction (each still in its own
/// stream, with its own recorder and correlation id), so many concurrent clients cost a few commits instead of one
/// each. A failed group is retried answer by answer, so one duplicate id fails only its own request.
/// </summary>
public sealed class SurveyAnswerWriter : IAsyncDisposable
{
    public const int MaxGroup = 64;
    public const int Writers = 4;

    private readonly IDocumentStore _store;
    private readonly ILogger<SurveyAnswerWriter> _logger;
    private readonly System.Threading.Channels.Channel<Pending> _queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _loops;

    private sealed record Pending(string StreamKey, SurveyResponseRecorded Answer, string? UserName, string? CorrelationId,
        TaskCompletionSource Done);

    public SurveyAnswerWriter(IDocumentStore store, ILogger<SurveyAnswerWriter> logger)
    {
        _store = store;
        _logger = logger;
        _loops = Enumerable.Range(0, Writers).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public async Task WriteAsync(string streamKey, SurveyResponseRecorded answer, string? userName, string? correlationId, CancellationToken ct)
    {
        var pending = new Pending(streamKey, answer, userName, correlationId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Done.Task.WaitAsync(ct);
    }

    private async Task LoopAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item)) group.Add(item);
            if (group.Count == 0) continue;
            // A failed group is retried answer by answer, so one answer that cannot be written fails only its own request.
            if (!await TryCommitAsync(group, tellFailure: group.Count == 1))
                foreach (var p in group) await TryCommitAsync([p], tellFailure: true);
        }
    }

    /// <summary>Commits the answers and tells them so; a failure is told them only when <paramref name="tellFailure"/>.</summary>
    private async Task<bool> TryCommitAsync(List<Pending> group, bool tellFailure)
    {
        try
        {
            await CommitAsync(group);
            foreach (var p in group) p.Done.TrySetResult();
            return true;
        }
        catch (Exception e)
        {
            if (tellFailure) foreach (var p in group) p.Done.TrySetException(e);
            return false;
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> group)
    {
        await using var session = _store.LightweightSession();
        // Ids already recorded are refused before anything is written; the rest are taken in the same transaction.
        var taken = await ResponseIds.TakenAsync(session, group.Select(p => (p.Answer.CampaignCode, p.Answer.ResponseId)).ToList(), CancellationToken.None);
        var fresh = new List<Pending>(group.Count);
        foreach (var p in group)
        {
            if (taken.Contains((p.Answer.CampaignCode, p.Answer.ResponseId)))
                p.Done.TrySetException(new AlreadyRecorded($"Response id '{p.Answer.ResponseId}' of campaign {p.Answer.CampaignCode}"));
            else fresh.Add(p);
        }
        if (fresh.Count == 0) return;
        var events = (EventGraph)_store.Options.Events;
        foreach (var p in fresh)
        {
            var e = events.BuildEvent(p.Answer);
            e.UserName = p.UserName;
            e.CorrelationId = p.CorrelationId;
            session.Events.StartStream(p.StreamKey, e);
        }
        ResponseIds.Take(session, fresh.Select(p => (p.Answer.CampaignCode, p.Answer.ResponseId)).ToList());
        await session.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Survey answer writer stopped with answers in flight");
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Journal;

namespace Monitoring.Projections.Assessments;

/// <summary>An event of a body's streams as the evidence fold takes it, with what checking it against the journal found.</summary>
public sealed record EvidenceEvent(EventEvidence Item, JournalProblem? Problem, uint RowVersion)
{
    public long Sequence => Item.Ref.Sequence;
}

/// <summary>
/// The events behind the assessments, read from the store, checked against the journal and deserialized, and kept in
/// memory by sequence with the version of the row they were read from (PostgreSQL's <c>xmin</c>). A live, as-of,
/// explained or historical scorecard asks for its streams' events up to a sequence: one read of their sequences and row
/// versions, and only an event not kept yet, or whose row has changed since (any update of it gives it a new version), is
/// read, checked against its leaf and sealed leaf, and deserialized again. So what an answer says about its evidence —
/// these events are as they were appended — holds of the events as they are now; a rewrite of the journal's own records
/// alone (the witness, not the history) is what the full verification finds. Bounded: the least used are dropped first.
/// </summary>
public sealed class EvidenceEvents(JournalVerifier journal, IDocumentStore store) : IDisposable
{
    /// <summary>How many events are kept (about a kilobyte each).</summary>
    public const int Capacity = 250_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Event type names to CLR types, as this store maps them: fixed for the life of the process.</summary>
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);

    /// <summary>The events of the streams up to the sequence, in sequence order.</summary>
    public async Task<IReadOnlyList<EvidenceEvent>> ReadAsync(IReadOnlyCollection<string> streams, long upTo, CancellationToken ct)
    {
        var events = new List<EvidenceEvent?>();
        var missing = new Dictionary<long, int>();
        await journal.RowVersionsAsync(streams, upTo, (sequence, version) =>
        {
            if (_kept.TryGetValue(sequence, out EvidenceEvent? kept) && kept!.RowVersion == version) events.Add(kept);
            else
            {
                missing[sequence] = events.Count;
                events.Add(null);
            }
        }, ct);
        if (missing.Count > 0)
            // Read as they are now (an event changed since its versions were read is taken as read here); one gone is left out.
            foreach (var e in await journal.ReadCheckedAsync(missing.Keys, ct))
                events[missing[e.Event.Sequence]] = _kept.Set(e.Event.Sequence, Evidence(e), new MemoryCacheEntryOptions { Size = 1 });
        return missing.Count == 0 ? events! : events.OfType<EvidenceEvent>().ToList();
    }

    /// <summary>The event's data as Marten's serializer reads it, and where it came from.</summary>
    private EvidenceEvent Evidence(CheckedEvent e)
    {
        var data = store.Options.Serializer().FromJson(TypeOf(e.Event), new MemoryStream(Encoding.UTF8.GetBytes(e.Event.Data)));
        var (businessDate, source) = AssessmentEvidence.Describe(data);
        var evidenceRef = new EvidenceRef(e.Event.Stream!, e.Event.Version, e.Event.Sequence, e.Event.Type, businessDate, e.RecordedAt, e.Event.UserName,
            source);
        return new EvidenceEvent(new EventEvidence(evidenceRef, data), e.Problem, e.RowVersion);
    }

    private Type TypeOf(JournalEvent e) => _types.GetOrAdd(e.Type, static (name, x) =>
            x.Store.Options.Events.AllKnownEventTypes().FirstOrDefault(t => t.EventTypeName == name)?.EventType
            ?? (x.Event.DotNetType is { } dotNet ? Type.GetType(dotNet) : null)
            ?? throw new InvalidOperationException($"The event at sequence {x.Event.Sequence} is of an unknown type '{name}'"),
        (Store: store, Event: e));

    public void Dispose() => _kept.Dispose();
}

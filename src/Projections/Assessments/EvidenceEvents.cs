using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Journal;

namespace Monitoring.Projections.Assessments;

/// <summary>An event of a body's streams as the evidence fold takes it, with what checking it against the journal found.</summary>
public sealed record EvidenceEvent(EventEvidence Item, JournalProblem? Problem, RowVersions Versions)
{
    public long Sequence => Item.Ref.Sequence;
}

/// <summary>
/// The events behind the assessments, read from the store, checked against the journal and deserialized, and kept in
/// memory by sequence with the versions of the rows they were read from (the event, its leaf, its sealed leaf). A live,
/// as-of, explained or historical scorecard asks for its streams' events up to a sequence: one read of their row
/// versions, and only an event not kept yet, or whose rows have changed since (an update of the event or of its journal
/// record gives the row a new version), is read, checked and deserialized again. What an answer says about the
/// integrity of its events is therefore what reading them now would say. Bounded: the least used are dropped first.
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
        var versions = await journal.VersionsAsync(streams, upTo, ct);
        var events = new EvidenceEvent?[versions.Count];
        var missing = new List<long>();
        for (var i = 0; i < versions.Count; i++)
            if (_kept.TryGetValue(versions[i].Sequence, out EvidenceEvent? kept) && kept!.Versions == versions[i].Versions) events[i] = kept;
            else missing.Add(versions[i].Sequence);
        if (missing.Count > 0)
        {
            // Read as they are now (an event changed since its versions were read is taken as read here); one gone is left out.
            var read = (await journal.ReadCheckedAsync(missing, ct)).ToDictionary(e => e.Event.Sequence);
            for (var i = 0; i < versions.Count; i++)
                if (events[i] is null && read.TryGetValue(versions[i].Sequence, out var e))
                    events[i] = _kept.Set(e.Event.Sequence, Evidence(e), new MemoryCacheEntryOptions { Size = 1 });
        }
        return events.OfType<EvidenceEvent>().ToList();
    }

    /// <summary>The event's data as Marten's serializer reads it, and where it came from.</summary>
    private EvidenceEvent Evidence(CheckedEvent e)
    {
        var data = store.Options.Serializer().FromJson(TypeOf(e.Event), new MemoryStream(Encoding.UTF8.GetBytes(e.Event.Data)));
        var (businessDate, source) = AssessmentEvidence.Describe(data);
        var evidenceRef = new EvidenceRef(e.Event.Stream!, e.Event.Version, e.Event.Sequence, e.Event.Type, businessDate, e.RecordedAt, e.Event.UserName,
            source);
        return new EvidenceEvent(new EventEvidence(evidenceRef, data), e.Problem, e.Versions);
    }

    private Type TypeOf(JournalEvent e) => _types.GetOrAdd(e.Type, static (name, x) =>
            x.Store.Options.Events.AllKnownEventTypes().FirstOrDefault(t => t.EventTypeName == name)?.EventType
            ?? (x.Event.DotNetType is { } dotNet ? Type.GetType(dotNet) : null)
            ?? throw new InvalidOperationException($"The event at sequence {x.Event.Sequence} is of an unknown type '{name}'"),
        (Store: store, Event: e));

    public void Dispose() => _kept.Dispose();
}

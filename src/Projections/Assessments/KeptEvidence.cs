using System.Collections.Concurrent;
using System.Text;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Journal;
using Monitoring.Projections.Surveys;

namespace Monitoring.Projections.Assessments;

/// <summary>An event of a body's streams as the evidence fold takes it, with what checking it against the journal found.</summary>
public sealed record EvidenceEvent(EventEvidence Item, JournalProblem? Problem)
{
    public long Sequence => Item.Ref.Sequence;
}

/// <summary>
/// The rows behind the assessments, kept in memory by row version (<see cref="KeptRows{TKey,T}"/>) between requests: the
/// events of the bodies' streams, checked against the journal and deserialized, and the survey rows pooled per body and
/// recording event. A live, as-of, explained or historical scorecard reads the sequences and row versions of its rows, and
/// only a row not kept yet, or changed since, is read again in full (an event is then checked against its leaf and sealed
/// leaf again). So "verified" in an answer says that the events it was computed from are as they were appended, checked
/// when first read and unchanged since; a rewrite of the journal's own records alone (the witness, not the history) is what
/// the full verification finds. Each read goes to the database the request reads (the primary or its replica), whose rows
/// carry the same versions.
/// </summary>
public sealed class KeptEvidence(IDocumentStore store) : IDisposable
{
    /// <summary>How many events, and how many survey rows, are kept (under a kilobyte each).</summary>
    public const int Capacity = 250_000;

    private readonly KeptRows<long, EvidenceEvent> _events = new(Capacity);
    private readonly KeptRows<(string Campaign, string Body, long Sequence), SurveyEvidence> _survey = new(Capacity);

    /// <summary>Event type names to CLR types, as this store maps them: fixed for the life of the process.</summary>
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);

    /// <summary>The events of the streams up to the sequence, in sequence order.</summary>
    public Task<IReadOnlyList<EvidenceEvent>> EventsAsync(ReadModelDatabase db, IReadOnlyCollection<string> streams, long upTo, CancellationToken ct)
    {
        var journal = new JournalVerifier(db);
        return _events.ReadAsync(row => journal.RowVersionsAsync(streams, upTo, row, ct),
            async missing => (await journal.ReadCheckedAsync(missing, ct)).Select(e => (e.Event.Sequence, e.RowVersion, Evidence(e))));
    }

    /// <summary>Answers about the body's services in the campaigns, pooled per recording event (an answer or an imported batch), up to the sequence.</summary>
    public async Task<IReadOnlyList<SurveyEvidence>> SurveyAsync(ReadModelDatabase db, string body, int period, IReadOnlyList<string> campaigns, long upTo,
        CancellationToken ct)
    {
        if (campaigns.Count == 0) return [];
        var table = $"{db.Schema}.{SurveySchema.BodyEvents}";
        return await _survey.ReadAsync(
            row => Sql.Command(db.DataSource, $"""
                select array_position($3, campaign::text), seq, xmin from {table}
                where body = $1 and period = $2 and campaign = any($3) and seq <= $4 order by seq
                """, body, period, campaigns.ToArray(), upTo).EachAsync(r => row((campaigns[r.GetInt32(0) - 1], body, r.GetInt64(1)), r.GetFieldValue<uint>(2)), ct),
            async missing => await Sql.Command(db.DataSource, $"""
                select campaign, seq, xmin, period, stream_key, version, recorded_at, recorded_by, source, raters, top_box, positive, event_type
                from {table} where body = $1 and campaign = any($2) and seq = any($3)
                """, body, missing.Select(k => k.Campaign).Distinct().ToArray(), missing.Select(k => k.Sequence).ToArray()).ListAsync(r =>
                    ((r.GetString(0), body, r.GetInt64(1)), r.GetFieldValue<uint>(2), new SurveyEvidence(
                        // The event type is null only on a row written before the column, until the start-up backfill has filled it.
                        new EvidenceRef(r.GetString(4), r.GetInt64(5), r.GetInt64(1), r.Text(12) ?? "survey_event", new DateOnly(r.GetInt32(3), 12, 31),
                            r.GetFieldValue<DateTimeOffset>(6), r.Text(7), "Survey:" + r.GetString(8)),
                        r.GetInt64(9), r.GetInt64(10), r.GetInt64(11))), ct));
    }

    /// <summary>The event's data as Marten's serializer reads it, and where it came from.</summary>
    private EvidenceEvent Evidence(CheckedEvent e)
    {
        var data = store.Options.Serializer().FromJson(TypeOf(e.Event), new MemoryStream(Encoding.UTF8.GetBytes(e.Event.Data)));
        var (businessDate, source) = AssessmentEvidence.Describe(data);
        var evidenceRef = new EvidenceRef(e.Event.Stream!, e.Event.Version, e.Event.Sequence, e.Event.Type, businessDate, e.RecordedAt, e.Event.UserName,
            source);
        return new EvidenceEvent(new EventEvidence(evidenceRef, data), e.Problem);
    }

    private Type TypeOf(JournalEvent e) => _types.GetOrAdd(e.Type, static (name, x) =>
            x.Store.Options.Events.AllKnownEventTypes().FirstOrDefault(t => t.EventTypeName == name)?.EventType
            ?? (x.Event.DotNetType is { } dotNet ? Type.GetType(dotNet) : null)
            ?? throw new InvalidOperationException($"The event at sequence {x.Event.Sequence} is of an unknown type '{name}'"),
        (Store: store, Event: e));

    public void Dispose()
    {
        _events.Dispose();
        _survey.Dispose();
    }
}

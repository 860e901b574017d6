using System.Data;
using System.Diagnostics;
using Monitoring.Domain.Journal;

namespace Monitoring.Projections.Journal;

/// <summary>A signed digest as verification found it.</summary>
public sealed record DigestCheck(long Id, long TreeSize, string Root, bool SignatureValid, bool RootMatches, string? Problem);

/// <summary>
/// The outcome of verifying the recorded history: every event recomputed from the store and compared with its leaf,
/// the sealed tree and its chain, and every signed digest. <see cref="IntactThroughSequence"/> is the last sequence
/// before the first problem (all of them when intact).
/// </summary>
public sealed record VerificationReport(
    string Status, long EventsChecked, long TreeSize, long SealedThroughSequence, long Unsealed, long IntactThroughSequence,
    DigestCheck? LatestDigest, IReadOnlyList<DigestCheck> Digests, int ProblemCount, JournalProblem? FirstProblem,
    IReadOnlyList<JournalProblem> Problems, double Seconds)
{
    public bool Intact => ProblemCount == 0;

    public string Summary => Intact
        ? $"intact up to sequence {IntactThroughSequence}" + (LatestDigest is { } d ? $", digest {d.Id} (tree size {d.TreeSize}, root {d.Root})" : ", no digest yet")
        : $"{ProblemCount} problem(s); first at sequence {FirstProblem!.Sequence} ({FirstProblem.Stream} v{FirstProblem.Version}): " +
          $"{FirstProblem.Kind}: {FirstProblem.Detail}; intact up to sequence {IntactThroughSequence}";
}

/// <summary>The verification of the events one answer was computed from.</summary>
public sealed record EvidenceIntegrity(bool Verified, int EventsChecked, IReadOnlyList<JournalProblem> Problems, string? Warning)
{
    public static readonly EvidenceIntegrity NotChecked = new(true, 0, [], null);

    /// <summary>The verdict over the events an answer was computed from, each with what checking it found (each counted once).</summary>
    public static EvidenceIntegrity Of(IEnumerable<(long Sequence, JournalProblem? Problem)> events)
    {
        var seen = new HashSet<long>(events.TryGetNonEnumeratedCount(out var count) ? count : 0);
        var problems = new List<JournalProblem>();
        foreach (var (sequence, problem) in events)
            if (seen.Add(sequence) && problem is not null) problems.Add(problem);
        if (seen.Count == 0) return NotChecked;
        return new EvidenceIntegrity(problems.Count == 0, seen.Count, problems,
            problems.Count == 0 ? null
                : $"Verification failed for {problems.Count} of the {seen.Count} events this answer was computed from: the recorded history " +
                  "was changed after it was appended. Do not rely on these figures; run the journal verification.");
    }
}

/// <summary>
/// An event as stored, with what checking it against its leaf and the sealed tree found (null: as appended), and the
/// version of the row it was read from (PostgreSQL's <c>xmin</c>, the transaction that wrote the row: any update of the
/// row, trigger or no trigger, gives it a new one).
/// </summary>
public sealed record CheckedEvent(JournalEvent Event, JournalProblem? Problem, uint RowVersion)
{
    public DateTimeOffset RecordedAt => DateTimeOffset.UnixEpoch.AddTicks(Event.RecordedMicros * 10);
}

/// <summary>
/// Recomputes the journal from the stored events (read as PostgreSQL stores them, hashed here, not by the database) and
/// reports what does not match, located: the event (sequence, stream, version) and what differs. The events, the
/// leaves and the sealed tree are read in sequence order by three cursors on one snapshot, so the whole store streams
/// through once.
/// </summary>
public sealed class JournalVerifier(ReadModelDatabase db)
{
    private string S => db.Schema;

    internal const string EventColumns = "seq_id, id, stream_id, version, type, timestamp, tenant_id, user_name, correlation_id, causation_id, " +
                                         "headers::text, mt_dotnet_type, encode(bdata, 'hex'), data::text";

    private const string LeafColumns = "seq_id, event_id, stream_id, version, type, recorded_micros, user_name, data_hash, meta_hash, leaf";

    public async Task<VerificationReport> VerifyAsync(IReadOnlyList<DigestSigner> trustedKeys, IReadOnlyList<JournalDigest> externalDigests,
        int maxProblems, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<JournalProblem>();
        var problemCount = 0;
        void Report(JournalProblem p)
        {
            problemCount++;
            if (problems.Count < maxProblems) problems.Add(p);
        }

        // Everything is read on one snapshot: this connection's, which the other two cursors' connections adopt.
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var snapshot = await Sql.Command(conn, "select pg_export_snapshot()").ScalarAsync<string>(ct);
        var (treeSize, sealedThrough) = await Sql.Command(conn, $"select count(*), coalesce(max(seq_id), 0) from {S}.{JournalSchema.Tree}")
            .SingleAsync(r => (r.GetInt64(0), r.GetInt64(1)), ct);
        var gaps = (await Sql.Command(conn, $"select seq_id from {S}.{JournalSchema.Gaps}").ListAsync(r => r.GetInt64(0), ct)).ToHashSet();
        var treeLeaves = new byte[treeSize * 32];
        var treeChains = new byte[treeSize * 32];
        var treeSeqs = new long[treeSize];
        long checkedEvents = 0, unsealed = 0, lastSeq = 0;
        var moved = new List<(long Seq, Guid EventId, byte[] DataHash, JournalProblem Problem)>();

        await using (var events = await Cursor.OpenAsync(conn, $"select {EventColumns} from {S}.mt_events order by seq_id", ct))
        await using (var leaves = await OnSnapshotAsync(snapshot, $"select {LeafColumns} from {S}.{JournalSchema.Leaves} order by seq_id", ct))
        await using (var sealedTree = await OnSnapshotAsync(snapshot,
                         $"select seq_id, idx, leaf, chain from {S}.{JournalSchema.Tree} order by seq_id", ct))
            while (events.More || leaves.More || sealedTree.More)
            {
                var seq = Math.Min(events.Sequence, Math.Min(leaves.Sequence, sealedTree.Sequence));
                var ev = await events.TakeAsync(seq, r => ReadEvent(r), ct);
                var leaf = await leaves.TakeAsync(seq, r => ReadLeaf(r), ct);
                var sealedLeaf = await sealedTree.TakeAsync(seq, r => new SealedLeaf(r.GetInt64(1), r.Bytes(2), r.Bytes(3)), ct);
                lastSeq = seq;
                if (ev is not null) checkedEvents++;

                if (sealedLeaf is { } t)
                {
                    if (t.Idx >= 0 && t.Idx < treeSize)
                    {
                        t.Leaf.CopyTo(treeLeaves, t.Idx * 32);
                        t.Chain.CopyTo(treeChains, t.Idx * 32);
                        treeSeqs[t.Idx] = seq;
                    }
                    else Report(new JournalProblem(seq, leaf?.Stream ?? ev?.Stream, leaf?.Version ?? ev?.Version, JournalProblemKind.JournalAltered,
                        $"the sealed tree holds index {t.Idx} outside 0..{treeSize - 1}"));
                }
                else if (leaf is not null) unsealed++;

                var problem = Compare(seq, ev, leaf, sealedLeaf?.Leaf, gaps.Contains(seq) ? 0 : sealedThrough, out var actual);
                if (problem is not null)
                {
                    if (ev is not null && actual is { } a && problem.Kind is JournalProblemKind.DataChanged or JournalProblemKind.HeaderChanged)
                        moved.Add((seq, ev.EventId, a.Data, problem));
                    else Report(problem);
                }
            }

        // An event whose id or data was appended at another sequence was moved there (events swapped or shifted).
        foreach (var p in await ExplainMovesAsync(conn, moved, ct)) Report(p);

        // The chain, in tree order: where the sealed record itself was rewritten.
        var link = JournalChain.Start;
        for (long i = 0; i < treeSize; i++)
        {
            var expected = JournalChain.Next(link, treeLeaves.AsSpan((int)(i * 32), 32));
            if (!expected.AsSpan().SequenceEqual(treeChains.AsSpan((int)(i * 32), 32)))
            {
                Report(new JournalProblem(treeSeqs[i], null, null, JournalProblemKind.JournalAltered,
                    $"the chain breaks at tree index {i}: the sealed record was rewritten from here"));
                break;
            }
            link = expected;
        }

        var tree = new MerkleTree(treeLeaves);
        var digests = new List<DigestCheck>();
        foreach (var d in (await JournalStore.DigestsAsync(conn, S, ct)).Concat(externalDigests).OrderBy(d => d.TreeSize))
        {
            var check = CheckDigest(d, tree, trustedKeys);
            digests.Add(check);
            if (check.Problem is null) continue;
            // Without the original leaves the place is bracketed by the digests: after the last one that still checks.
            var lastGood = digests.LastOrDefault(g => g.Problem is null && g.TreeSize < d.TreeSize);
            var from = lastGood is null ? "the start" : $"tree index {lastGood.TreeSize} (digest {lastGood.Id} still checks)";
            Report(new JournalProblem(d.LastSequence, null, null, JournalProblemKind.DigestMismatch,
                $"digest {d.Id} (tree size {d.TreeSize}, through sequence {d.LastSequence}): {check.Problem}; the change lies between {from} and tree index {d.TreeSize - 1}",
                d.Root, check.RootMatches ? d.Root : null));
        }
        digests = [.. digests.OrderBy(d => d.Id)];

        var ordered = problems.OrderBy(p => p.Sequence ?? long.MaxValue).ToList();
        var first = ordered.FirstOrDefault();
        var intactThrough = first?.Sequence is { } fs ? fs - 1 : first is null ? lastSeq : 0;
        var latest = digests.LastOrDefault(d => d.Problem is null) is { } ok && first is null ? ok : digests.LastOrDefault();
        return new VerificationReport(problemCount == 0 ? "intact" : "tampered", checkedEvents, treeSize, sealedThrough, unsealed, intactThrough,
            latest, digests, problemCount, first, ordered, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A cursor on a connection of its own, in a transaction on the given exported snapshot.</summary>
    private async Task<Cursor> OnSnapshotAsync(string snapshot, string sql, CancellationToken ct)
    {
        var conn = await db.DataSource.OpenConnectionAsync(ct);
        try
        {
            await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await Sql.Command(conn, $"set transaction snapshot '{snapshot}'").ExecuteAsync(ct);
            return await Cursor.OpenAsync(conn, sql, ct, ownsConnection: true);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The events of some streams up to a sequence, in sequence order, each as its sequence and row version (see
    /// <see cref="CheckedEvent.RowVersion"/>), handed to <paramref name="row"/> as read: a reader that kept an event as read
    /// and checked can tell whether the history it was computed from is still what it checked without reading it again.
    /// Archived events are left out, as Marten's own event queries leave them.
    /// </summary>
    public async Task RowVersionsAsync(IReadOnlyCollection<string> streams, long upTo, Action<long, uint> row, CancellationToken ct)
    {
        if (streams.Count == 0) return;
        await Sql.Command(db.DataSource, $"""
            select seq_id, xmin from {S}.mt_events where stream_id = any($1) and seq_id <= $2 and not is_archived order by seq_id
            """, streams.ToArray(), upTo).EachAsync(r => row(r.GetInt64(0), r.GetFieldValue<uint>(1)), ct);
    }

    /// <summary>
    /// The given events as stored (the data as PostgreSQL renders it), each checked against its leaf and the sealed tree in
    /// the same read, with its row version; an event no longer in the store is left out. The leaf and the sealed leaf are
    /// looked up by sequence for each event (<c>limit 1</c> keeps the planner from joining the whole journal instead): the
    /// cost follows the events read, not the size of the store.
    /// </summary>
    public async Task<IReadOnlyList<CheckedEvent>> ReadCheckedAsync(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        if (sequences.Count == 0) return [];
        return await Sql.Command(db.DataSource, $"""
            select e.*, l.*, t.leaf
            from (select {EventColumns}, xmin from {S}.mt_events where seq_id = any($1)) e
            left join lateral (select {LeafColumns} from {S}.{JournalSchema.Leaves} where seq_id = e.seq_id limit 1) l on true
            left join lateral (select leaf from {S}.{JournalSchema.Tree} where seq_id = e.seq_id limit 1) t on true
            order by e.seq_id
            """, sequences.ToArray()).ListAsync(r =>
        {
            // The event's columns and row version, the leaf's columns, the sealed leaf.
            var ev = ReadEvent(r);
            var problem = Compare(ev.Sequence, ev, r.IsDBNull(15) ? null : ReadLeaf(r, 15), r.IsDBNull(25) ? null : r.Bytes(25), 0, out _);
            return new CheckedEvent(ev, problem, r.GetFieldValue<uint>(14));
        }, ct);
    }

    private sealed record StoredLeaf(long Seq, Guid EventId, string? Stream, long Version, string Type, long Micros, string? UserName,
        byte[] DataHash, byte[] MetaHash, byte[] Leaf);

    private sealed record SealedLeaf(long Idx, byte[] Leaf, byte[] Chain);

    internal static JournalEvent ReadEvent(NpgsqlDataReader r, int o = 0) => new(r.GetInt64(o), r.GetGuid(o + 1), r.Text(o + 2), r.GetInt64(o + 3),
        r.GetString(o + 4), JournalLeaf.Micros(r.GetFieldValue<DateTimeOffset>(o + 5)), r.Text(o + 6), r.Text(o + 7), r.Text(o + 8), r.Text(o + 9),
        r.Text(o + 10), r.Text(o + 11), r.Text(o + 12), r.GetString(o + 13));

    private static StoredLeaf ReadLeaf(NpgsqlDataReader r, int o = 0) => new(r.GetInt64(o), r.GetGuid(o + 1), r.Text(o + 2), r.GetInt64(o + 3),
        r.GetString(o + 4), r.GetInt64(o + 5), r.Text(o + 6), r.Bytes(o + 7), r.Bytes(o + 8), r.Bytes(o + 9));

    /// <summary>Rows ordered by sequence (the first column), taken one sequence at a time.</summary>
    private sealed class Cursor(NpgsqlDataReader reader, NpgsqlConnection? ownConnection) : IAsyncDisposable
    {
        public bool More { get; private set; }

        public long Sequence => More ? reader.GetInt64(0) : long.MaxValue;

        public static async Task<Cursor> OpenAsync(NpgsqlConnection conn, string sql, CancellationToken ct, bool ownsConnection = false)
        {
            var reader = await new NpgsqlCommand(sql, conn).ExecuteReaderAsync(ct);
            return new Cursor(reader, ownsConnection ? conn : null) { More = await reader.ReadAsync(ct) };
        }

        /// <summary>The row of <paramref name="seq"/>, if this cursor is on it, and then on to the next.</summary>
        public async Task<T?> TakeAsync<T>(long seq, Func<NpgsqlDataReader, T> read, CancellationToken ct) where T : class
        {
            if (Sequence != seq) return null;
            var row = read(reader);
            More = await reader.ReadAsync(ct);
            return row;
        }

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            if (ownConnection is not null) await ownConnection.DisposeAsync();
        }
    }

    /// <summary>One place of the history: the event as stored now, its leaf as appended, its leaf as sealed.</summary>
    private static JournalProblem? Compare(long seq, JournalEvent? ev, StoredLeaf? leaf, byte[]? sealedLeaf, long sealedThrough, out LeafHashes? actual)
    {
        actual = null;
        if (ev is null)
            return leaf is not null
                ? new JournalProblem(seq, leaf.Stream, leaf.Version, JournalProblemKind.Missing,
                    $"the {leaf.Type} event appended here (id {leaf.EventId}) is no longer in the store")
                : new JournalProblem(seq, null, null, JournalProblemKind.Missing, "an event sealed into the tree here is gone, with its leaf");
        var hashes = JournalLeaf.Hash(ev);
        actual = hashes;
        // A local function, not a lambda: no allocation per event on the way through a million of them.
        JournalProblem At(JournalProblemKind kind, string detail, byte[]? was = null, byte[]? now = null) => new(seq, ev.Stream, ev.Version,
            kind, detail, was is null ? null : Convert.ToHexStringLower(was), now is null ? null : Convert.ToHexStringLower(now));
        if (leaf is null)
            return At(JournalProblemKind.Inserted, $"a {ev.Type} event is in the store that was never journalled when appended");
        if (sealedLeaf is null && seq <= sealedThrough)
            return At(JournalProblemKind.Inserted,
                $"a {ev.Type} event was journalled after later events were sealed: it was put into the history afterwards");
        if (sealedLeaf is not null && !sealedLeaf.AsSpan().SequenceEqual(leaf.Leaf))
            return At(JournalProblemKind.JournalAltered,
                "the leaf kept for this event differs from the sealed one: the journal itself was rewritten here", sealedLeaf, leaf.Leaf);
        if (hashes.Leaf.AsSpan().SequenceEqual(leaf.Leaf)) return null;

        var header = new List<string>();
        void Field(string name, object? was, object? now) { if (!Equals(was, now)) header.Add($"{name} was {was ?? "null"}, now {now ?? "null"}"); }
        Field("event id", leaf.EventId, ev.EventId);
        Field("stream", leaf.Stream, ev.Stream);
        Field("version", leaf.Version, ev.Version);
        Field("type", leaf.Type, ev.Type);
        Field("recorded at", DateTimeOffset.UnixEpoch.AddTicks(leaf.Micros * 10).ToString("O"), DateTimeOffset.UnixEpoch.AddTicks(ev.RecordedMicros * 10).ToString("O"));
        if (header.Count > 0) return At(JournalProblemKind.HeaderChanged, string.Join("; ", header));
        if (!hashes.Data.AsSpan().SequenceEqual(leaf.DataHash))
            return At(JournalProblemKind.DataChanged, $"the data of this {ev.Type} event is not what was appended", leaf.DataHash, hashes.Data);
        if (!hashes.Meta.AsSpan().SequenceEqual(leaf.MetaHash))
            return At(JournalProblemKind.MetadataChanged, leaf.UserName != ev.UserName
                    ? $"recorded by was \"{leaf.UserName}\", now \"{ev.UserName}\""
                    : "its metadata (correlation, causation, headers, tenant or type name) is not what was appended",
                leaf.MetaHash, hashes.Meta);
        return At(JournalProblemKind.JournalAltered, "every field matches its leaf's record but the leaf hash does not: the leaf itself was rewritten");
    }

    private async Task<IReadOnlyList<JournalProblem>> ExplainMovesAsync(NpgsqlConnection conn,
        List<(long Seq, Guid EventId, byte[] DataHash, JournalProblem Problem)> moved, CancellationToken ct)
    {
        if (moved.Count == 0) return [];
        var appended = await Sql.Command(conn, $"""
            select seq_id, event_id, data_hash, stream_id, version from {S}.{JournalSchema.Leaves}
            where event_id = any($1) or data_hash = any($2)
            """, moved.Select(m => m.EventId).ToArray(), moved.Select(m => m.DataHash).ToArray())
            .ListAsync(r => (Seq: r.GetInt64(0), Id: r.GetGuid(1), Hash: r.Bytes(2), Stream: r.Text(3), Version: r.GetInt64(4)), ct);
        return moved.Select(m =>
        {
            var from = appended.FirstOrDefault(a => a.Seq != m.Seq && (a.Id == m.EventId || a.Hash.AsSpan().SequenceEqual(m.DataHash)));
            return from.Seq == 0
                ? m.Problem
                : m.Problem with
                {
                    Kind = JournalProblemKind.Reordered,
                    Detail = $"the event appended at sequence {from.Seq} ({from.Stream} v{from.Version}) now sits here: {m.Problem.Detail}",
                };
        }).ToList();
    }

    public static DigestCheck CheckDigest(JournalDigest d, MerkleTree tree, IReadOnlyList<DigestSigner> trustedKeys)
    {
        var key = trustedKeys.FirstOrDefault(k => k.KeyId == d.KeyId);
        var signatureValid = key is not null && key.Verify(d);
        if (d.TreeSize > tree.Size)
            return new DigestCheck(d.Id, d.TreeSize, d.Root, signatureValid, false,
                $"it covers {d.TreeSize} leaves but the sealed tree has only {tree.Size}: sealed history was removed");
        var rootMatches = Convert.ToHexStringLower(tree.Root(d.TreeSize)) == d.Root;
        string? problem = !signatureValid
            ? key is null ? $"signed by key {d.KeyId}, which is not a trusted key" : "its signature does not check: the digest was altered"
            : !rootMatches ? "the sealed tree no longer has the signed root: history covered by this digest was rewritten" : null;
        return new DigestCheck(d.Id, d.TreeSize, d.Root, signatureValid, rootMatches, problem);
    }
}

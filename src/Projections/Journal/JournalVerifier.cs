using System.Diagnostics;
using Monitoring.Domain.Journal;
using Monitoring.Projections.Common;
using Npgsql;

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

    internal static string EventColumns(string alias = "") =>
        $"{alias}seq_id, {alias}id, {alias}stream_id, {alias}version, {alias}type, {alias}timestamp, {alias}tenant_id, {alias}user_name, " +
        $"{alias}correlation_id, {alias}causation_id, {alias}headers::text, {alias}mt_dotnet_type, encode({alias}bdata, 'hex'), {alias}data::text";

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

        await using var events = await db.DataSource.OpenConnectionAsync(ct);
        await using var leavesConn = await db.DataSource.OpenConnectionAsync(ct);
        await using var treeConn = await db.DataSource.OpenConnectionAsync(ct);
        await using var tx1 = await events.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var exp = new NpgsqlCommand("select pg_export_snapshot()", events)) snapshot = (string)(await exp.ExecuteScalarAsync(ct))!;
        await using var tx2 = await leavesConn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var tx3 = await treeConn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        foreach (var c in new[] { leavesConn, treeConn })
        {
            await using var set = new NpgsqlCommand($"set transaction snapshot '{snapshot}'", c);
            await set.ExecuteNonQueryAsync(ct);
        }

        long treeSize, sealedThrough;
        await using (var head = new NpgsqlCommand($"select count(*), coalesce(max(seq_id), 0) from {S}.{JournalSchema.Tree}", treeConn))
        await using (var r = await head.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (treeSize, sealedThrough) = (r.GetInt64(0), r.GetInt64(1));
        }
        var gaps = new HashSet<long>();
        await using (var gapCmd = new NpgsqlCommand($"select seq_id from {S}.{JournalSchema.Gaps}", treeConn))
        await using (var r = await gapCmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) gaps.Add(r.GetInt64(0));
        var treeLeaves = new byte[treeSize * 32];
        var treeChains = new byte[treeSize * 32];
        var treeSeqs = new long[treeSize];

        await using var eventCmd = new NpgsqlCommand($"select {EventColumns()} from {S}.mt_events order by seq_id", events);
        await using var leafCmd = new NpgsqlCommand(
            $"select seq_id, event_id, stream_id, version, type, recorded_micros, user_name, data_hash, meta_hash, leaf from {S}.{JournalSchema.Leaves} order by seq_id",
            leavesConn);
        await using var treeCmd = new NpgsqlCommand($"select seq_id, idx, leaf, chain from {S}.{JournalSchema.Tree} order by seq_id", treeConn);
        await using var er = await eventCmd.ExecuteReaderAsync(ct);
        await using var lr = await leafCmd.ExecuteReaderAsync(ct);
        await using var tr = await treeCmd.ExecuteReaderAsync(ct);
        bool eMore = await er.ReadAsync(ct), lMore = await lr.ReadAsync(ct), tMore = await tr.ReadAsync(ct);
        long checkedEvents = 0, unsealed = 0, lastSeq = 0;
        var moved = new List<(long Seq, Guid EventId, byte[] DataHash, JournalProblem Problem)>();

        while (eMore || lMore || tMore)
        {
            var seq = Math.Min(eMore ? er.GetInt64(0) : long.MaxValue, Math.Min(lMore ? lr.GetInt64(0) : long.MaxValue, tMore ? tr.GetInt64(0) : long.MaxValue));
            var ev = eMore && er.GetInt64(0) == seq ? ReadEvent(er) : null;
            var leaf = lMore && lr.GetInt64(0) == seq ? ReadLeaf(lr) : null;
            (long Idx, byte[] Leaf, byte[] Chain)? sealedLeaf = tMore && tr.GetInt64(0) == seq
                ? (tr.GetInt64(1), tr.GetFieldValue<byte[]>(2), tr.GetFieldValue<byte[]>(3)) : null;
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

            if (ev is not null) eMore = await er.ReadAsync(ct);
            if (leaf is not null) lMore = await lr.ReadAsync(ct);
            if (sealedLeaf is not null) tMore = await tr.ReadAsync(ct);
        }
        await er.DisposeAsync();
        await lr.DisposeAsync();
        await tr.DisposeAsync();

        // An event whose id or data was appended at another sequence was moved there (events swapped or shifted).
        foreach (var p in await ExplainMovesAsync(leavesConn, moved, ct)) Report(p);

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
        var stored = await JournalStore.DigestsAsync(treeConn, S, ct);
        var all = stored.Concat(externalDigests).OrderBy(d => d.TreeSize).ToList();
        foreach (var d in all)
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

    /// <summary>
    /// Checks only the given events (the ones an explanation or an as-of view read) against their leaves and the sealed
    /// tree: one query, so every answer can say whether its evidence is as it was appended.
    /// </summary>
    public async Task<EvidenceIntegrity> CheckEventsAsync(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        if (sequences.Count == 0) return EvidenceIntegrity.NotChecked;
        var ids = sequences.Distinct().ToArray();
        await using var cmd = db.DataSource.CreateCommand($"""
            select k.seq, {EventColumns("e.")},
                   l.seq_id, l.event_id, l.stream_id, l.version, l.type, l.recorded_micros, l.user_name, l.data_hash, l.meta_hash, l.leaf,
                   t.leaf
            from unnest(@seqs::bigint[]) as k(seq)
            left join {S}.mt_events e on e.seq_id = k.seq
            left join {S}.{JournalSchema.Leaves} l on l.seq_id = k.seq
            left join {S}.{JournalSchema.Tree} t on t.seq_id = k.seq
            """);
        cmd.Parameters.AddWithValue("seqs", ids);
        var problems = new List<JournalProblem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var seq = r.GetInt64(0);
            var ev = r.IsDBNull(1) ? null : ReadEvent(r, 1);
            var leaf = r.IsDBNull(15) ? null : ReadLeaf(r, 15);
            var sealedLeaf = r.IsDBNull(25) ? null : r.GetFieldValue<byte[]>(25);
            if (Compare(seq, ev, leaf, sealedLeaf, 0, out _) is { } p) problems.Add(p);
        }
        return new EvidenceIntegrity(problems.Count == 0, ids.Length, problems,
            problems.Count == 0 ? null
                : $"Verification failed for {problems.Count} of the {ids.Length} events this answer was computed from: the recorded history " +
                  "was changed after it was appended. Do not rely on these figures; run the journal verification.");
    }

    private sealed record StoredLeaf(long Seq, Guid EventId, string? Stream, long Version, string Type, long Micros, string? UserName,
        byte[] DataHash, byte[] MetaHash, byte[] Leaf);

    internal static JournalEvent ReadEvent(NpgsqlDataReader r, int o = 0)
    {
        string? S(int i) => r.IsDBNull(o + i) ? null : r.GetString(o + i);
        return new JournalEvent(r.GetInt64(o), r.GetGuid(o + 1), S(2), r.GetInt64(o + 3), r.GetString(o + 4),
            JournalLeaf.Micros(r.GetFieldValue<DateTimeOffset>(o + 5)), S(6), S(7), S(8), S(9), S(10), S(11), S(12), r.GetString(o + 13));
    }

    private static StoredLeaf ReadLeaf(NpgsqlDataReader r, int o = 0) => new(r.GetInt64(o), r.GetGuid(o + 1), r.IsDBNull(o + 2) ? null : r.GetString(o + 2),
        r.GetInt64(o + 3), r.GetString(o + 4), r.GetInt64(o + 5), r.IsDBNull(o + 6) ? null : r.GetString(o + 6),
        r.GetFieldValue<byte[]>(o + 7), r.GetFieldValue<byte[]>(o + 8), r.GetFieldValue<byte[]>(o + 9));

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
        if (leaf is null)
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.Inserted,
                $"a {ev.Type} event is in the store that was never journalled when appended");
        if (sealedLeaf is null && seq <= sealedThrough)
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.Inserted,
                $"a {ev.Type} event was journalled after later events were sealed: it was put into the history afterwards");
        if (sealedLeaf is not null && !sealedLeaf.AsSpan().SequenceEqual(leaf.Leaf))
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.JournalAltered,
                "the leaf kept for this event differs from the sealed one: the journal itself was rewritten here",
                Convert.ToHexStringLower(sealedLeaf), Convert.ToHexStringLower(leaf.Leaf));
        if (hashes.Leaf.AsSpan().SequenceEqual(leaf.Leaf)) return null;

        var header = new List<string>();
        void Field(string name, object? was, object? now) { if (!Equals(was, now)) header.Add($"{name} was {was ?? "null"}, now {now ?? "null"}"); }
        Field("event id", leaf.EventId, ev.EventId);
        Field("stream", leaf.Stream, ev.Stream);
        Field("version", leaf.Version, ev.Version);
        Field("type", leaf.Type, ev.Type);
        Field("recorded at", DateTimeOffset.UnixEpoch.AddTicks(leaf.Micros * 10).ToString("O"), DateTimeOffset.UnixEpoch.AddTicks(ev.RecordedMicros * 10).ToString("O"));
        if (header.Count > 0)
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.HeaderChanged, string.Join("; ", header));
        if (!hashes.Data.AsSpan().SequenceEqual(leaf.DataHash))
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.DataChanged,
                $"the data of this {ev.Type} event is not what was appended", Convert.ToHexStringLower(leaf.DataHash), Convert.ToHexStringLower(hashes.Data));
        if (!hashes.Meta.AsSpan().SequenceEqual(leaf.MetaHash))
            return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.MetadataChanged,
                leaf.UserName != ev.UserName
                    ? $"recorded by was \"{leaf.UserName}\", now \"{ev.UserName}\""
                    : "its metadata (correlation, causation, headers, tenant or type name) is not what was appended",
                Convert.ToHexStringLower(leaf.MetaHash), Convert.ToHexStringLower(hashes.Meta));
        return new JournalProblem(seq, ev.Stream, ev.Version, JournalProblemKind.JournalAltered,
            "every field matches its leaf's record but the leaf hash does not: the leaf itself was rewritten");
    }

    private async Task<IReadOnlyList<JournalProblem>> ExplainMovesAsync(NpgsqlConnection conn,
        List<(long Seq, Guid EventId, byte[] DataHash, JournalProblem Problem)> moved, CancellationToken ct)
    {
        if (moved.Count == 0) return [];
        await using var cmd = new NpgsqlCommand($"""
            select seq_id, event_id, data_hash, stream_id, version from {S}.{JournalSchema.Leaves}
            where event_id = any(@ids) or data_hash = any(@hashes)
            """, conn);
        cmd.Parameters.AddWithValue("ids", moved.Select(m => m.EventId).ToArray());
        cmd.Parameters.AddWithValue("hashes", moved.Select(m => m.DataHash).ToArray());
        var appended = new List<(long Seq, Guid Id, byte[] Hash, string? Stream, long Version)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                appended.Add((r.GetInt64(0), r.GetGuid(1), r.GetFieldValue<byte[]>(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)));
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

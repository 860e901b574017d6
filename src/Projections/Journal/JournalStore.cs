using Monitoring.Domain.Journal;

namespace Monitoring.Projections.Journal;

/// <summary>How far the journal is sealed: the tree's size, the highest sequence in it, and the leaves written but not yet sealed.</summary>
public sealed record JournalState(long TreeSize, long SealedThroughSequence, long Unsealed);

/// <summary>
/// The journal's own tables: sealing the leaves into the tree, signed digests, and proofs. The leaves are written by the
/// database trigger in each appending transaction; sealing then fixes their order: the leaves up to the event store's
/// high-water mark (every sequence below it has committed or been given up by Marten's daemon) are appended to the tree
/// in sequence order, each chained to the one before. A leaf that commits late, below a mark already sealed, is sealed
/// after it, so the tree's order is the order of sealing and never changes. One sealer at a time across nodes (an
/// advisory lock held for the sealing transaction), so the writers of events never wait for each other here.
/// </summary>
public sealed class JournalStore(ReadModelDatabase db)
{
    /// <summary>The advisory lock of the sealer and of digest signing ("journal").</summary>
    private const long SealLock = 0x6a6f75726e616c;
    private const int SealBatch = 50_000;

    private string S => db.Schema;

    /// <summary>Seals every leaf up to the high-water mark; returns how many were sealed (0 when another node holds the lock).</summary>
    public async Task<long> SealAsync(CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (!await Sql.Command(conn, $"select pg_try_advisory_xact_lock({SealLock})").ScalarAsync<bool>(ct)) return total;
            var sealedNow = await SealLockedAsync(conn, ct);
            await tx.CommitAsync(ct);
            total += sealedNow;
            if (sealedNow < SealBatch) return total;
        }
    }

    private async Task<int> SealLockedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // The high-water mark is Marten's: the sequence below which nothing is still in flight.
        // Sealed through: the highest sequence placed in the tree or passed as a gap (a gap's leaf may still come, late).
        var (mark, sealedThrough, size, chain) = await Sql.Command(conn, $"""
            select coalesce((select max(last_seq_id) from {S}.mt_event_progression where name = 'HighWaterMark'), 0),
                   greatest(coalesce((select max(seq_id) from {S}.{JournalSchema.Tree}), 0), coalesce((select max(seq_id) from {S}.{JournalSchema.Gaps}), 0)),
                   coalesce((select max(idx) + 1 from {S}.{JournalSchema.Tree}), 0),
                   (select chain from {S}.{JournalSchema.Tree} order by idx desc limit 1)
            """).SingleAsync(r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? JournalChain.Start : r.Bytes(3)), ct);

        // Late leaves (only of sequences recorded as gaps) first, then the new ones in sequence order.
        var pending = await Sql.Command(conn, $"""
            (select l.seq_id, l.leaf from {S}.{JournalSchema.Gaps} g join {S}.{JournalSchema.Leaves} l on l.seq_id = g.seq_id
             where not exists (select 1 from {S}.{JournalSchema.Tree} t where t.seq_id = l.seq_id)
             order by l.seq_id)
            union all
            (select seq_id, leaf from {S}.{JournalSchema.Leaves} where seq_id > $1 and seq_id <= $2 order by seq_id limit {SealBatch})
            """, sealedThrough, mark).ListAsync(r => (Seq: r.GetInt64(0), Leaf: r.Bytes(1)), ct);

        // The sequences passed without a leaf up to where this round stops.
        var fresh = pending.Select(p => p.Seq).Where(q => q > sealedThrough).ToList();
        var passedTo = fresh.Count == SealBatch ? fresh[^1] : mark;
        var gaps = new List<long>();
        var expected = sealedThrough + 1;
        foreach (var q in fresh.Append(passedTo + 1))
        {
            for (; expected < q; expected++) gaps.Add(expected);
            expected = q + 1;
        }
        if (gaps.Count > 0)
            await Sql.Command(conn, $"insert into {S}.{JournalSchema.Gaps} (seq_id, passed_at) select unnest($1), now() on conflict do nothing",
                gaps.ToArray()).ExecuteAsync(ct);
        if (pending.Count == 0) return 0;

        var now = DateTime.UtcNow;
        await using var writer = await conn.BeginBinaryImportAsync(
            $"copy {S}.{JournalSchema.Tree} (idx, seq_id, leaf, chain, sealed_at) from stdin (format binary)", ct);
        for (var i = 0; i < pending.Count; i++)
        {
            chain = JournalChain.Next(chain, pending[i].Leaf);
            // bigint, bigint, bytea, bytea, timestamptz (a UTC DateTime)
            await writer.WriteRowAsync(ct, size + i, pending[i].Seq, pending[i].Leaf, chain, now);
        }
        await writer.CompleteAsync(ct);
        return pending.Count;
    }

    public async Task<JournalState> StateAsync(CancellationToken ct) => await Sql.Command(db.DataSource, $"""
        select coalesce((select max(idx) + 1 from {S}.{JournalSchema.Tree}), 0), coalesce((select max(seq_id) from {S}.{JournalSchema.Tree}), 0),
               (select count(*) from {S}.{JournalSchema.Leaves} l where l.seq_id > coalesce((select max(seq_id) from {S}.{JournalSchema.Tree}), 0))
        """).SingleAsync(r => new JournalState(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), ct);

    /// <summary>
    /// Seals what can be sealed and signs a digest of the whole tree. With <paramref name="covering"/>, waits (up to
    /// <paramref name="wait"/>) until the tree holds that sequence, and refuses if it does not by then.
    /// </summary>
    public async Task<JournalDigest> CreateDigestAsync(DigestSigner signer, string reason, long? covering, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            // Waits for a sealer on another node rather than failing: a digest is asked for by a person or a publication.
            // Then seals everything up to the mark itself, under the same lock, so the digest covers it.
            await Sql.Command(conn, $"select pg_advisory_xact_lock({SealLock})").ExecuteAsync(ct);
            while (await SealLockedAsync(conn, ct) >= SealBatch) { }
            var (leaves, sequences) = await LeavesAsync(conn, long.MaxValue, ct);
            var (lastSeq, maxSeq) = sequences.Count == 0 ? (0L, 0L) : (sequences[^1], sequences.Max());
            if (covering is { } s && maxSeq < s)
            {
                await tx.RollbackAsync(ct);
                if (DateTime.UtcNow > deadline)
                    throw new Domain.Common.InvalidTransition(
                        $"The journal is not yet sealed through sequence {s} (sealed through {maxSeq}); try again in a moment");
                await Task.Delay(200, ct);
                continue;
            }
            var tree = new MerkleTree(leaves);
            var signedAt = DateTimeOffset.UtcNow;
            signedAt = new DateTimeOffset(signedAt.UtcTicks - signedAt.UtcTicks % 10, TimeSpan.Zero); // µs, as PostgreSQL keeps it
            var root = Convert.ToHexStringLower(tree.Root(tree.Size));
            var id = await Sql.Command(conn, $"select coalesce(max(id), 0) + 1 from {S}.{JournalSchema.Digests}").ScalarAsync<long>(ct);
            var text = JournalDigest.Text(tree.Size, lastSeq, root, signedAt);
            var d = new JournalDigest(id, tree.Size, lastSeq, root, signedAt, signer.KeyId, JournalDigest.SignatureAlgorithm, signer.Sign(text), reason);
            await Sql.Command(conn, $"""
                insert into {S}.{JournalSchema.Digests} (id, tree_size, last_seq, root, signed_at, key_id, algorithm, signature, public_key, reason)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """, d.Id, d.TreeSize, d.LastSequence, d.Root, d.SignedAt, d.KeyId, d.Algorithm, d.Signature, signer.PublicKeyPem, d.Reason)
                .ExecuteAsync(ct);
            await tx.CommitAsync(ct);
            return d;
        }
    }

    public async Task<IReadOnlyList<JournalDigest>> DigestsAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await DigestsAsync(conn, S, ct);
    }

    /// <summary>Every stored digest, oldest first, read on the given connection (verification reads them on its snapshot).</summary>
    internal static async Task<IReadOnlyList<JournalDigest>> DigestsAsync(NpgsqlConnection conn, string schema, CancellationToken ct) =>
        await Sql.Command(conn, $"""
            select id, tree_size, last_seq, root, signed_at, key_id, algorithm, signature, reason from {schema}.{JournalSchema.Digests} order by id
            """).ListAsync(r => new JournalDigest(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8)), ct);

    /// <summary>The tree of the first <paramref name="size"/> sealed leaves, and which leaf index each sequence holds.</summary>
    public async Task<(MerkleTree Tree, IReadOnlyDictionary<long, long> IndexBySequence)> TreeAsync(long size, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var (leaves, sequences) = await LeavesAsync(conn, size, ct);
        return (new MerkleTree(leaves), sequences.Select((seq, i) => (seq, (long)i)).ToDictionary());
    }

    /// <summary>The first <paramref name="size"/> sealed leaves (32 bytes each, in tree order) and the sequence of each.</summary>
    private async Task<(byte[] Leaves, List<long> Sequences)> LeavesAsync(NpgsqlConnection conn, long size, CancellationToken ct)
    {
        var rows = await Sql.Command(conn, $"select seq_id, leaf from {S}.{JournalSchema.Tree} where idx < $1 order by idx", size)
            .ListAsync(r => (Seq: r.GetInt64(0), Leaf: r.Bytes(1)), ct);
        var leaves = new byte[rows.Count * 32];
        for (var i = 0; i < rows.Count; i++) rows[i].Leaf.CopyTo(leaves, i * 32);
        return (leaves, rows.Select(r => r.Seq).ToList());
    }
}

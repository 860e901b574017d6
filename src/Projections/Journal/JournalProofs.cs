using Monitoring.Domain.Journal;

namespace Monitoring.Projections.Journal;

/// <summary>The metadata fields of an event exactly as stored (what its meta hash is taken over).</summary>
public sealed record ProvenMetadata(string? Tenant, string? UserName, string? CorrelationId, string? CausationId, string? Headers, string? DotNetType,
    string? BinaryDataHex);

/// <summary>
/// An event with everything an outside party needs to recompute its leaf (<see cref="JournalLeaf"/>): the header fields,
/// the data exactly as stored (the text whose SHA-256 is the data hash), the metadata; and its audit path to the root.
/// </summary>
public sealed record ProvenEvent(long Sequence, Guid EventId, string? Stream, long Version, string Type, long RecordedMicros, ProvenMetadata Metadata,
    string Data, string DataHash, string MetaHash, string LeafHash, long LeafIndex, IReadOnlyList<string> AuditPath);

/// <summary>Inclusion proofs (RFC 9162) of events against a signed digest, with the encoding they follow and the key that signed the digest.</summary>
public sealed record InclusionProofs(JournalDigest Digest, string SignedText, string PublicKey, string Encoding, IReadOnlyList<ProvenEvent> Events,
    IReadOnlyList<long> NotInDigest);

/// <summary>A consistency proof (RFC 9162) that the later digest's tree extends the earlier one's: nothing sealed before was rewritten.</summary>
public sealed record ConsistencyProof(JournalDigest From, JournalDigest To, IReadOnlyList<string> Proof, bool Verified);

public sealed class JournalProofs(ReadModelDatabase db, JournalStore journal)
{
    public const string EncodingDescription =
        "RFC 9162 Merkle tree over SHA-256 leaf hashes. leaf = SHA-256(0x00 || header || dataHash || metaHash); " +
        "header = \"mj1\\n\" f(sequence) f(eventId) f(stream) f(version) f(type) f(recordedMicros); " +
        "metaHash = SHA-256(\"mm1\\n\" f(tenant) f(userName) f(correlationId) f(causationId) f(headers) f(dotNetType) f(binaryDataHex)); " +
        "dataHash = SHA-256(data); f(null) = \"-\\n\", f(x) = byteLength(x) \":\" x \"\\n\" (UTF-8, decimal numbers). " +
        "Digest signature: ECDSA P-256 SHA-256 (r||s, Base64) over signedText (UTF-8).";

    public async Task<JournalDigest> DigestAsync(long? id, CancellationToken ct)
    {
        var digests = await journal.DigestsAsync(ct);
        if (digests.Count == 0) throw new NotFound("Journal digest", "any (none signed yet)");
        return id is null ? digests[^1] : digests.FirstOrDefault(d => d.Id == id) ?? throw new NotFound("Journal digest", id.Value.ToString());
    }

    public async Task<InclusionProofs> ProveAsync(IReadOnlyCollection<long> sequences, JournalDigest digest, string publicKeyPem, CancellationToken ct)
    {
        var (tree, index) = await journal.TreeAsync(digest.TreeSize, ct);
        var wanted = sequences.Distinct().Order().ToArray();
        var sql = $"select {JournalVerifier.EventColumns} from {db.Schema}.mt_events where seq_id = any($1) order by seq_id";
        var events = await Sql.Command(db.DataSource, sql, wanted.Where(index.ContainsKey).ToArray())
            .ListAsync(r => Prove(JournalVerifier.ReadEvent(r)), ct);
        var proven = events.Select(e => e.Sequence).ToHashSet();
        return new InclusionProofs(digest, digest.SignedText, publicKeyPem, EncodingDescription, events,
            wanted.Where(s => !proven.Contains(s)).ToList());

        ProvenEvent Prove(JournalEvent e)
        {
            var hashes = JournalLeaf.Hash(e);
            return new ProvenEvent(e.Sequence, e.EventId, e.Stream, e.Version, e.Type, e.RecordedMicros,
                new ProvenMetadata(e.Tenant, e.UserName, e.CorrelationId, e.CausationId, e.Headers, e.DotNetType, e.BinaryDataHex), e.Data,
                Hex(hashes.Data), Hex(hashes.Meta), Hex(hashes.Leaf), index[e.Sequence],
                tree.InclusionProof(index[e.Sequence], digest.TreeSize).Select(Hex).ToList());
        }
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long from, long to, CancellationToken ct)
    {
        var (first, second) = (await DigestAsync(from, ct), await DigestAsync(to, ct));
        if (first.TreeSize > second.TreeSize) throw new DomainRuleViolation("from", "must be a digest of a tree no larger than the later one");
        var (tree, _) = await journal.TreeAsync(second.TreeSize, ct);
        if (first.TreeSize == 0) return new ConsistencyProof(first, second, [], true);
        var proof = tree.ConsistencyProof(first.TreeSize, second.TreeSize);
        var verified = MerkleTree.VerifyConsistency(first.TreeSize, second.TreeSize, Convert.FromHexString(first.Root), Convert.FromHexString(second.Root),
            first.TreeSize == second.TreeSize ? [] : proof);
        return new ConsistencyProof(first, second, proof.Select(Hex).ToList(), verified);
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);
}

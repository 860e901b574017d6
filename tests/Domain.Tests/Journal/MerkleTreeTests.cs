using System.Security.Cryptography;
using Monitoring.Domain.Journal;
using Shouldly;
using Xunit;

namespace Monitoring.Domain.Tests.Journal;

public sealed class MerkleTreeTests
{
    private static byte[] LeafHash(int i) => SHA256.HashData([0x00, .. BitConverter.GetBytes(i)]);

    /// <summary>MTH straight from RFC 9162's definition, recursively over the leaf hashes.</summary>
    private static byte[] Naive(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0) return SHA256.HashData([]);
        if (leaves.Count == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Count) k *= 2;
        return SHA256.HashData([0x01, .. Naive(leaves.Take(k).ToList()), .. Naive(leaves.Skip(k).ToList())]);
    }

    [Fact]
    public void Roots_inclusion_and_consistency_proofs_follow_RFC_9162_for_every_size_up_to_40()
    {
        var leaves = Enumerable.Range(0, 40).Select(LeafHash).ToList();
        var tree = new MerkleTree([.. leaves.SelectMany(l => l)]);
        for (var n = 1; n <= 40; n++)
        {
            var root = tree.Root(n);
            root.ShouldBe(Naive(leaves.Take(n).ToList()), $"root of {n}");
            for (var m = 0; m < n; m++)
            {
                var path = tree.InclusionProof(m, n);
                MerkleTree.VerifyInclusion(m, n, leaves[m], path, root).ShouldBeTrue($"leaf {m} of {n}");
                MerkleTree.VerifyInclusion(m, n, LeafHash(1000 + m), path, root).ShouldBeFalse($"a foreign leaf at {m} of {n}");
                if (n > 1) MerkleTree.VerifyInclusion((m + 1) % n, n, leaves[m], path, root).ShouldBeFalse($"leaf {m} claimed at another index of {n}");
            }
            for (var m = 1; m < n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                MerkleTree.VerifyConsistency(m, n, tree.Root(m), root, proof).ShouldBeTrue($"{m} → {n}");
                // A rewritten earlier history (another leaf at 0) does not extend to the same later root.
                var rewritten = Naive([LeafHash(999), .. leaves.Skip(1).Take(m - 1)]);
                MerkleTree.VerifyConsistency(m, n, rewritten, root, proof).ShouldBeFalse($"rewritten {m} → {n}");
            }
        }
    }

    [Fact]
    public void A_leaf_binds_every_field_of_the_event()
    {
        var e = new JournalEvent(7, Guid.Parse("0a0b0c0d-0000-0000-0000-000000000001"), "inspection:X", 2, "violation_recorded", 1_700_000_000_000_000,
            "*DEFAULT*", "marat", "c-1", "k-1", "null", "Some.Type", null, """{"count": 226}""");
        var leaf = JournalLeaf.Hash(e).Leaf;
        JournalEvent[] changed =
        [
            e with { Sequence = 8 }, e with { EventId = Guid.NewGuid() }, e with { Stream = "inspection:Y" }, e with { Version = 3 },
            e with { Type = "violation_revoked" }, e with { RecordedMicros = e.RecordedMicros + 1 }, e with { Tenant = null }, e with { UserName = "x" },
            e with { CorrelationId = "c-2" }, e with { CausationId = null }, e with { Headers = null }, e with { DotNetType = "Other" },
            e with { BinaryDataHex = "" }, e with { Data = """{"count": 126}""" },
            // Length prefixes: moving a character between neighbouring fields changes the leaf.
            e with { Stream = "inspection:X2", Version = 2 }, e with { UserName = "mara", CorrelationId = "tc-1" },
        ];
        foreach (var c in changed) JournalLeaf.Hash(c).Leaf.ShouldNotBe(leaf, c.ToString());
        JournalLeaf.Hash(e with { }).Leaf.ShouldBe(leaf);
    }

    [Fact]
    public void A_digest_signature_checks_only_for_its_own_text_and_key()
    {
        using var key = DigestSigner.FromPrivateKeyPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem());
        using var other = DigestSigner.FromPrivateKeyPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem());
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var text = JournalDigest.Text(10, 12, new string('a', 64), at);
        var digest = new JournalDigest(1, 10, 12, new string('a', 64), at, key.KeyId, JournalDigest.SignatureAlgorithm, key.Sign(text), "test");
        key.Verify(digest).ShouldBeTrue();
        using var publicOnly = DigestSigner.FromPublicKeyPem(key.PublicKeyPem);
        publicOnly.Verify(digest).ShouldBeTrue();
        key.Verify(digest with { TreeSize = 11 }).ShouldBeFalse();
        key.Verify(digest with { Root = new string('b', 64) }).ShouldBeFalse();
        other.Verify(digest with { KeyId = other.KeyId }).ShouldBeFalse();
    }
}

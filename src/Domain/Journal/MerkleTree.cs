using System.Numerics;

namespace Monitoring.Domain.Journal;

/// <summary>
/// The Merkle tree of RFC 9162 ("Certificate Transparency Version 2.0", section 2.1) over the journal's leaf hashes in
/// journal order: the root of the first n leaves, the inclusion proof of a leaf and the consistency proof between two
/// sizes, and their verification. Perfect aligned subtrees are hashed once (levels), so a root or a proof costs
/// O(log n) lookups after an O(n) build.
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[][] _levels; // _levels[h][i*32..] = hash of leaves [i·2^h, (i+1)·2^h)

    public long Size { get; }

    /// <param name="leaves">the leaf hashes, 32 bytes each, concatenated in journal order</param>
    public MerkleTree(byte[] leaves)
    {
        if (leaves.Length % 32 != 0) throw new ArgumentException("leaf hashes are 32 bytes each", nameof(leaves));
        Size = leaves.Length / 32;
        var levels = new List<byte[]> { leaves };
        Span<byte> pair = stackalloc byte[65];
        pair[0] = 0x01;
        for (var below = leaves; below.Length >= 64;)
        {
            var count = below.Length / 64;
            var level = new byte[count * 32];
            for (var i = 0; i < count; i++)
            {
                below.AsSpan(i * 64, 64).CopyTo(pair[1..]);
                SHA256.HashData(pair, level.AsSpan(i * 32, 32));
            }
            levels.Add(level);
            below = level;
        }
        _levels = [.. levels];
    }

    public static byte[] EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        if (size < 0 || size > Size) throw new ArgumentOutOfRangeException(nameof(size), $"the tree has {Size} leaves");
        return size == 0 ? EmptyRoot : Hash(0, size);
    }

    /// <summary>PATH(m, D[0:n]): the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        if (size < 1 || size > Size) throw new ArgumentOutOfRangeException(nameof(size), $"the tree has {Size} leaves");
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"must be below the tree size {size}");
        return Path(index, 0, size);
    }

    /// <summary>PROOF(m, D[0:n]): that the tree of the first <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long first, long second)
    {
        if (second < 1 || second > Size) throw new ArgumentOutOfRangeException(nameof(second), $"the tree has {Size} leaves");
        if (first < 1 || first > second) throw new ArgumentOutOfRangeException(nameof(first), "must be between 1 and the later size");
        return SubProof(first, 0, second, true);
    }

    /// <summary>PATH(m, D[start : start+n]) of RFC 9162 section 2.1.3.1.</summary>
    private List<byte[]> Path(long m, long start, long n)
    {
        if (n == 1) return [];
        var k = LargestPowerOfTwoBelow(n);
        return m < k
            ? [.. Path(m, start, k), Hash(start + k, n - k)]
            : [.. Path(m - k, start + k, n - k), Hash(start, k)];
    }

    /// <summary>SUBPROOF(m, D[start : start+n], b) of RFC 9162 section 2.1.4.1.</summary>
    private List<byte[]> SubProof(long m, long start, long n, bool complete)
    {
        if (m == n) return complete ? [] : [Hash(start, n)];
        var k = LargestPowerOfTwoBelow(n);
        return m <= k
            ? [.. SubProof(m, start, k, complete), Hash(start + k, n - k)]
            : [.. SubProof(m - k, start + k, n - k, false), Hash(start, k)];
    }

    /// <summary>MTH(D[start : start+count]).</summary>
    private byte[] Hash(long start, long count)
    {
        if (BitOperations.IsPow2(count) && start % count == 0)
        {
            var h = BitOperations.Log2((ulong)count);
            return _levels[h].AsSpan((int)((start >> h) * 32), 32).ToArray();
        }
        var k = LargestPowerOfTwoBelow(count);
        return Node(Hash(start, k), Hash(start + k, count - k));
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => SHA256.HashData([0x01, .. left, .. right]);

    private static long LargestPowerOfTwoBelow(long n) => (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>RFC 9162 section 2.1.3.2: whether <paramref name="path"/> proves leaf <paramref name="index"/> of a tree of <paramref name="size"/> has <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leaf, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root) =>
        index >= 0 && index < size && Climb(index, size - 1, leaf.ToArray(), path, out _, out var r) && r.AsSpan().SequenceEqual(root);

    /// <summary>RFC 9162 section 2.1.4.2: whether <paramref name="proof"/> shows the tree of <paramref name="second"/> extends that of <paramref name="first"/>.</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 1 || first > second) return false;
        if (first == second) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (proof.Count == 0) return false;
        var path = new List<byte[]>(proof);
        if (BitOperations.IsPow2((ulong)first)) path.Insert(0, firstRoot.ToArray());
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        return Climb(fn, sn, path[0], path.Skip(1), out var fr, out var sr)
               && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    /// <summary>
    /// The loop both verifications of RFC 9162 share: from node <paramref name="fn"/> of last node <paramref name="sn"/>, hashes
    /// <paramref name="start"/> up the path; <paramref name="fr"/> takes only the left siblings (the earlier tree's root in a
    /// consistency proof), <paramref name="sr"/> every sibling (the root). False when the path is longer than the tree is deep.
    /// </summary>
    private static bool Climb(long fn, long sn, byte[] start, IEnumerable<byte[]> path, out byte[] fr, out byte[] sr)
    {
        fr = sr = start;
        foreach (var c in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Node(c, fr);
                sr = Node(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = Node(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0;
    }
}

using System.Buffers;

namespace Monitoring.Domain.Journal;

/// <summary>
/// One appended event as the journal binds it: every stored field that gives the event its meaning. The same fields are
/// read back by verification; the database trigger that writes the leaf at append time encodes them the same way.
/// </summary>
public sealed record JournalEvent(
    long Sequence, Guid EventId, string? Stream, long Version, string Type, long RecordedMicros,
    string? Tenant, string? UserName, string? CorrelationId, string? CausationId, string? Headers, string? DotNetType, string? BinaryDataHex,
    string Data);

/// <summary>The hashes of one event: its data, its metadata and the leaf that binds both to the event's place in the store.</summary>
public readonly record struct LeafHashes(byte[] Data, byte[] Meta, byte[] Leaf);

/// <summary>
/// The canonical encoding of an event (version 1). Fields are length-prefixed so no two events encode alike:
/// <c>field(x) = "-\n"</c> for null, else <c>octet_length(x) ":" x "\n"</c> (UTF-8).
/// <list type="bullet">
/// <item>header = <c>"mj1\n"</c> field(sequence) field(event id) field(stream) field(version) field(type) field(recorded, µs since 1970)</item>
/// <item>data hash = SHA-256(data as PostgreSQL prints the jsonb)</item>
/// <item>meta hash = SHA-256(<c>"mm1\n"</c> field(tenant) field(user) field(correlation) field(causation) field(headers) field(.NET type) field(binary data, hex))</item>
/// <item>leaf = SHA-256(0x00 ‖ header ‖ data hash ‖ meta hash): an RFC 9162 leaf hash, so the Merkle tree is built over these.</item>
/// </list>
/// </summary>
public static class JournalLeaf
{
    public static LeafHashes Hash(JournalEvent e)
    {
        var data = Sha256(e.Data);
        var meta = Sha256Fields("mm1\n"u8, [e.Tenant, e.UserName, e.CorrelationId, e.CausationId, e.Headers, e.DotNetType, e.BinaryDataHex], []);
        ReadOnlySpan<string?> header =
        [
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.EventId.ToString("D"), e.Stream, e.Version.ToString(CultureInfo.InvariantCulture),
            e.Type, e.RecordedMicros.ToString(CultureInfo.InvariantCulture),
        ];
        // leaf = SHA-256(0x00 ‖ header ‖ data hash ‖ meta hash), written into one buffer.
        return new LeafHashes(data, meta, Sha256Fields([0x00, .. "mj1\n"u8], header, [.. data, .. meta]));
    }

    public static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    // The encodings are written into a pooled buffer and hashed there: verification hashes every event of the store, and an
    // answer checks every event it was computed from, so no intermediate strings or arrays are made per event.
    private static byte[] Sha256(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return SHA256.HashData(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256 of <paramref name="prefix"/>, then each field as <c>field(x)</c>, then <paramref name="suffix"/>.</summary>
    private static byte[] Sha256Fields(ReadOnlySpan<byte> prefix, ReadOnlySpan<string?> fields, ReadOnlySpan<byte> suffix)
    {
        var length = prefix.Length + suffix.Length;
        foreach (var f in fields) length += f is null ? 2 : 12 + Encoding.UTF8.GetMaxByteCount(f.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = buffer.AsSpan();
            prefix.CopyTo(at);
            at = at[prefix.Length..];
            foreach (var f in fields)
            {
                if (f is null)
                {
                    "-\n"u8.CopyTo(at);
                    at = at[2..];
                    continue;
                }
                // field(x) = octet_length(x) ":" x "\n"
                Encoding.UTF8.GetByteCount(f).TryFormat(at, out var digits, default, CultureInfo.InvariantCulture);
                at[digits] = (byte)':';
                var bytes = Encoding.UTF8.GetBytes(f, at[(digits + 1)..]);
                at[digits + 1 + bytes] = (byte)'\n';
                at = at[(digits + bytes + 2)..];
            }
            suffix.CopyTo(at);
            return SHA256.HashData(buffer.AsSpan(0, buffer.Length - at.Length + suffix.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>The chain over the sealed leaves in journal order: each link binds a leaf to every leaf before it.</summary>
public static class JournalChain
{
    public static readonly byte[] Start = new byte[32];

    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leaf) => SHA256.HashData([.. previous, .. leaf]);
}

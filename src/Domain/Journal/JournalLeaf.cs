
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
        var meta = Sha256(Encode("mm1\n", [e.Tenant, e.UserName, e.CorrelationId, e.CausationId, e.Headers, e.DotNetType, e.BinaryDataHex]));
        var header = Encode("mj1\n",
        [
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.EventId.ToString("D"), e.Stream, e.Version.ToString(CultureInfo.InvariantCulture),
            e.Type, e.RecordedMicros.ToString(CultureInfo.InvariantCulture),
        ]);
        return new LeafHashes(data, meta, SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(header), .. data, .. meta]));
    }

    public static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static string Encode(string prefix, string?[] fields) => prefix + string.Concat(fields.Select(f =>
        f is null ? "-\n" : string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(f)}:{f}\n")));
}

/// <summary>The chain over the sealed leaves in journal order: each link binds a leaf to every leaf before it.</summary>
public static class JournalChain
{
    public static readonly byte[] Start = new byte[32];

    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leaf) => SHA256.HashData([.. previous, .. leaf]);
}


namespace Monitoring.Domain.Journal;

/// <summary>
/// A checkpoint of the journal (as a ledger's digest or a transparency log's signed tree head): the first
/// <see cref="TreeSize"/> leaves have Merkle root <see cref="Root"/>, the last of them is the event at
/// <see cref="LastSequence"/>, signed at <see cref="SignedAt"/> with a key held outside the database. Published or
/// handed to an outside party, it lets them check any later proof without trusting this system.
/// </summary>
public sealed record JournalDigest(long Id, long TreeSize, long LastSequence, string Root, DateTimeOffset SignedAt, string KeyId, string Algorithm,
    string Signature, string Reason)
{
    public const string SignatureAlgorithm = "ECDSA-P256-SHA256";

    /// <summary>The exact bytes that are signed (UTF-8): one field per line, so anyone can rebuild them from the digest.</summary>
    public string SignedText => Text(TreeSize, LastSequence, Root, SignedAt);

    public static string Text(long treeSize, long lastSequence, string root, DateTimeOffset signedAt) =>
        $"monitoring-journal-digest/v1\ntree-size: {treeSize.ToString(CultureInfo.InvariantCulture)}\n" +
        $"last-sequence: {lastSequence.ToString(CultureInfo.InvariantCulture)}\nroot: {root}\n" +
        $"signed-at: {signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}\n";
}

/// <summary>Signs and checks digests with an ECDSA P-256 key (SHA-256, IEEE P1363 signature r‖s, Base64).</summary>
public sealed class DigestSigner : IDisposable
{
    private readonly ECDsa _key;
    public string KeyId { get; }
    public string PublicKeyPem { get; }

    private DigestSigner(ECDsa key)
    {
        _key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>A signer from a PEM private key (PKCS#8 or SEC 1).</summary>
    public static DigestSigner FromPrivateKeyPem(string pem) => FromPublicKeyPem(pem) is { _key.KeySize: 256 } signer
        ? signer
        : throw new CryptographicException("the journal key must be an ECDSA P-256 key");

    /// <summary>A checker from a PEM public key (what an outside party holds); from a private key, a signer too.</summary>
    public static DigestSigner FromPublicKeyPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new DigestSigner(key);
    }

    public string Sign(string text) =>
        Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public bool Verify(JournalDigest digest)
    {
        if (digest.KeyId != KeyId || digest.Algorithm != JournalDigest.SignatureAlgorithm) return false;
        try
        {
            return _key.VerifyData(Encoding.UTF8.GetBytes(digest.SignedText), Convert.FromBase64String(digest.Signature), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException) { return false; }
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>The digest a published figure was computed under: the journal's signed root when it was frozen.</summary>
public sealed record JournalDigestRef(long Id, long TreeSize, long LastSequence, string Root, DateTimeOffset SignedAt, string KeyId)
{
    public static JournalDigestRef Of(JournalDigest d) => new(d.Id, d.TreeSize, d.LastSequence, d.Root, d.SignedAt, d.KeyId);
}

using Monitoring.Domain.Journal;

namespace Monitoring.Application.Journal;

/// <summary>
/// The journal's configuration (section <c>Journal</c>): the key that signs digests, held outside the database (a PEM
/// in configuration, or a file), the public keys of earlier signing keys that digests may still carry, how often leaves
/// are sealed and digests signed.
/// </summary>
public sealed class JournalSettings
{
    public const string Section = "Journal";

    /// <summary>The key id of the key shipped in <c>appsettings.Development.json</c>: refused outside Development.</summary>
    public const string DevelopmentKeyId = "a5ed8b6857fe4dab";

    /// <summary>ECDSA P-256 private key, PEM (PKCS#8 or SEC 1). Or <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; set; }
    public string? SigningKeyFile { get; set; }
    /// <summary>Public keys (PEM) of keys that signed earlier digests, so they still verify after a key rotation.</summary>
    public string[] TrustedPublicKeys { get; set; } = [];
    public double SealEverySeconds { get; set; } = 1;
    /// <summary>Cron of the periodic digest (Hangfire); hourly by default.</summary>
    public string DigestCron { get; set; } = "0 * * * *";

    /// <summary>Why the journal must not run with this configuration, or null.</summary>
    public string? RefusalReason(bool isDevelopment)
    {
        var pem = Pem();
        if (string.IsNullOrWhiteSpace(pem))
            return isDevelopment
                ? "Journal:SigningKey is not set (appsettings.Development.json provides one; is it next to the binaries?)"
                : "Journal:SigningKey (or Journal:SigningKeyFile) is not set: digests of the journal must be signed with a key held outside the database";
        try
        {
            using var signer = DigestSigner.FromPrivateKeyPem(pem);
            return !isDevelopment && signer.KeyId == DevelopmentKeyId
                ? "Journal:SigningKey is the development key shipped with the source code; set a key of your own (Journal__SigningKey or Journal__SigningKeyFile)"
                : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return $"Journal:SigningKey is not an ECDSA P-256 private key in PEM form ({e.Message})";
        }
    }

    public string? Pem() => !string.IsNullOrWhiteSpace(SigningKey) ? SigningKey
        : !string.IsNullOrWhiteSpace(SigningKeyFile) && File.Exists(SigningKeyFile) ? File.ReadAllText(SigningKeyFile) : null;
}

/// <summary>The signing key and every key whose digests are trusted (the signing key's public half first).</summary>
public sealed class JournalKeys : IDisposable
{
    public DigestSigner Signer { get; }
    public IReadOnlyList<DigestSigner> Trusted { get; }

    public JournalKeys(JournalSettings settings)
    {
        Signer = DigestSigner.FromPrivateKeyPem(settings.Pem() ?? throw new InvalidOperationException("Journal:SigningKey is not set"));
        Trusted = [Signer, .. settings.TrustedPublicKeys.Select(DigestSigner.FromPublicKeyPem)];
    }

    public void Dispose()
    {
        foreach (var k in Trusted) k.Dispose();
    }
}

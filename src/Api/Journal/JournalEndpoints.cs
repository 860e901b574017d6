using Monitoring.Domain.Journal;

namespace Monitoring.Api.Journal;

/// <summary>
/// The verifiable journal, for auditors and outside parties: verification of the whole recorded history, signed digests
/// (on demand and periodic), the public key that checks them, and RFC 9162 inclusion and consistency proofs.
/// </summary>
public static class JournalEndpoints
{
    public sealed record JournalStatus(JournalState State, JournalDigest? LatestDigest, string KeyId, string PublicKey, string Encoding);
    public sealed record DigestRequest(string? Reason);

    public static void MapJournal(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/journal").WithTags("Journal").RejectUnknownQuery();
        var audit = group.MapGroup("").RequireAuthorization(Policies.Audit);
        var verify = group.MapGroup("").RequireAuthorization(Policies.Verify);

        audit.MapGet("", async (JournalStore journal, JournalKeys keys, CancellationToken ct) =>
                new JournalStatus(await journal.StateAsync(ct), (await journal.DigestsAsync(ct)).LastOrDefault(), keys.Signer.KeyId,
                    keys.Signer.PublicKeyPem, JournalProofs.EncodingDescription))
            .WithName("GetJournalStatus").WithSummary("How far the journal is sealed, the latest signed digest, and the public key that checks digests")
            .Produces<JournalStatus>();

        verify.MapGet("/verify", (int? maxProblems, JournalVerifier verifier, JournalKeys keys, CancellationToken ct) =>
                verifier.VerifyAsync(keys.Trusted, [], Math.Clamp(maxProblems ?? 100, 1, 10_000), ct))
            .WithName("VerifyJournal")
            .WithSummary("Recompute every stored event's leaf, the sealed tree, its chain and every signed digest; report the first place that does not match, or intact up to sequence N")
            .Produces<VerificationReport>();

        verify.MapPost("/digests", async (DigestRequest? request, JournalStore journal, JournalKeys keys, HttpContext http, CancellationToken ct) =>
            {
                // Not a command through the bus, so the shared input hygiene is applied here (a NUL reached PostgreSQL once: the fuzzer).
                if (request?.Reason is { } given && InputHygiene.StringProblem(given, code: false) is { } problem)
                    throw new DomainRuleViolation("reason", problem);
                var reason = string.IsNullOrWhiteSpace(request?.Reason) ? $"on demand by {http.User.Identity?.Name ?? "an auditor"}" : request.Reason.Trim();
                if (reason.Length > 500) throw new DomainRuleViolation("reason", "must be at most 500 characters");
                var digest = await journal.CreateDigestAsync(keys.Signer, reason, covering: null, wait: TimeSpan.Zero, ct);
                return Results.Created($"/api/journal/digests/{digest.Id}", digest);
            })
            .WithName("CreateJournalDigest").WithSummary("Seal the journal and sign a digest of it now (to publish or hand to an outside party)")
            .Produces<JournalDigest>(StatusCodes.Status201Created).ProducesValidationProblem();

        audit.MapGet("/digests", (JournalStore journal, CancellationToken ct) => journal.DigestsAsync(ct))
            .WithName("ListJournalDigests").WithSummary("Every signed digest, oldest first").Produces<List<JournalDigest>>();

        audit.MapGet("/digests/{id}", async (long id, JournalProofs proofs, JournalKeys keys, CancellationToken ct) =>
            {
                var digest = await proofs.DigestAsync(id, ct);
                return new ExportedDigest(digest, digest.SignedText, keys.Trusted.FirstOrDefault(k => k.KeyId == digest.KeyId)?.PublicKeyPem);
            })
            .WithName("GetJournalDigest").WithSummary("One signed digest with the exact signed text and the public key that checks it: what is published")
            .Produces<ExportedDigest>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/key", (JournalKeys keys) => Results.Text(keys.Signer.PublicKeyPem, "application/x-pem-file"))
            .AllowAnonymous()
            .WithName("GetJournalPublicKey").WithSummary("The public key (PEM) that checks the journal's digests")
            .Produces<string>(contentType: "application/x-pem-file");

        audit.MapGet("/events/{sequence:long}/proof", async (long sequence, long? digest, JournalProofs proofs, JournalKeys keys, CancellationToken ct) =>
            {
                var d = await proofs.DigestAsync(digest, ct);
                var proof = await proofs.ProveAsync([sequence], d, PublicKeyOf(keys, d), ct);
                if (proof.Events.Count == 0) throw new NotFound("Event in digest", $"sequence {sequence} in digest {d.Id} (tree size {d.TreeSize})");
                return proof;
            })
            .WithName("ProveJournalEvent").WithSummary("The inclusion proof of one event against a digest (the latest by default)")
            .Produces<InclusionProofs>().ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapGet("/consistency", (long from, long to, JournalProofs proofs, CancellationToken ct) => proofs.ConsistencyAsync(from, to, ct))
            .WithName("ProveJournalConsistency").WithSummary("The consistency proof between two digests: the later history extends the earlier; nothing was rewritten")
            .Produces<ConsistencyProof>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string PublicKeyOf(JournalKeys keys, JournalDigest d) =>
        keys.Trusted.FirstOrDefault(k => k.KeyId == d.KeyId)?.PublicKeyPem ?? keys.Signer.PublicKeyPem;

    public sealed record ExportedDigest(JournalDigest Digest, string SignedText, string? PublicKey);
}

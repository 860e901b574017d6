using Monitoring.Application.Assessments;
using Monitoring.Domain.Journal;

namespace Monitoring.Api.Assessments;

/// <summary>
/// The assessment of a body for a period (оценка): opened, measures and penalties recorded, published as frozen
/// revisions; read live or as of any moment, explained down to the events, compared between moments, re-scored
/// under another methodology, and rendered as the conclusion document.
/// </summary>
public static class AssessmentEndpoints
{
    /// <summary>A revision's proof: the digest frozen in the revision event, and the inclusion proofs against the stored digest of that id.</summary>
    public sealed record RevisionProof(string BodyCode, int Period, int Revision, string ContentHash, JournalDigestRef FrozenDigest, InclusionProofs Proofs);

    public static void MapAssessments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Assessments").RejectUnknownQuery();
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var audit = group.MapGroup("").RequireAuthorization(Policies.Audit);
        var assess = group.MapGroup("").RequireAuthorization(Policies.Assess);
        const string one = "/{bodyCode}/{period:int}";

        app.MapCommands<OpenAssessment>("Assessments", Policies.Assess);
        // Mapped here rather than by a [Post] on the command: the Api waits for the survey read model before sending it.
        assess.MapCommand<PublishAssessment>("/{bodyCode}/{period:int}/revisions",
                (c, r) => $"/api/assessments/{c.BodyCode}/{c.Period}/revisions/{r.Id.Split('/')[^1]}",
                // A revision freezes the survey figures: the asynchronous survey read model gets its time to reach the
                // evidence here, before the command; the handler only checks (409 while it is still behind).
                before: (http, _) => http.RequestServices.GetRequiredService<AssessmentEvidenceLoader>()
                    .WaitForSurveyAsync(PublishAssessmentHandler.SurveyWait, http.RequestAborted))
            .WithSummary("Publish the scorecard as it stands: revision 1, or a later revision with the reason; frozen with its inputs and content hash")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        read.MapGet(one, (string bodyCode, int period, DateTimeOffset? asOf, AssessmentQueries queries, CancellationToken ct) =>
                queries.ScorecardAsync(bodyCode, period, asOf, null, ct))
            .WithName("GetAssessmentScorecard")
            .WithSummary("The scorecard computed from the evidence recorded so far, or as it was known at asOf (recording time), with its published revisions")
            .Produces<AssessmentScorecard>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/what-if", (string bodyCode, int period, string methodology, DateTimeOffset? asOf, AssessmentQueries queries, CancellationToken ct) =>
                queries.ScorecardAsync(bodyCode, period, asOf, methodology, ct))
            .WithName("WhatIfAssessment")
            .WithSummary("Re-score the same evidence under another methodology version; nothing is stored and the published result is untouched")
            .Produces<AssessmentScorecard>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/revisions", async (string bodyCode, int period, AssessmentQueries queries, CancellationToken ct) =>
                (await queries.AssessmentAsync(bodyCode, period, ct)).Revisions.Select(AssessmentQueries.Summary).ToList())
            .WithName("ListAssessmentRevisions").WithSummary("The published revisions of a body's assessment for a period, each frozen and hashed").Produces<List<RevisionSummary>>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/revisions/{{revision:int}}", async (string bodyCode, int period, int revision, AssessmentQueries queries, CancellationToken ct) =>
                (await queries.AssessmentAsync(bodyCode, period, ct)).Revision(revision))
            .WithName("GetAssessmentRevision").WithSummary("A published revision exactly as frozen: inputs, scorecard, evidence sequence, content hash")
            .Produces<PublishedRevision>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/revisions/{{revision:int}}/proof", async (string bodyCode, int period, int revision, AssessmentQueries queries, JournalProofs proofs,
                JournalKeys keys, CancellationToken ct) =>
            {
                var published = (await queries.AssessmentAsync(bodyCode, period, ct)).Revision(revision).Published;
                var frozen = published.Journal ?? throw new NotFound("Journal digest", $"of revision {revision} (published before the journal was kept)");
                var digest = await proofs.DigestAsync(frozen.Id, ct);
                var sequences = await queries.EvidenceSequencesAsync(bodyCode, period, published, ct);
                return new RevisionProof(bodyCode, period, revision, published.ContentHash, frozen,
                    await proofs.ProveAsync(sequences, digest, Journal.JournalEndpoints.PublicKeyOf(keys, digest), ct));
            })
            .WithName("ProveAssessmentRevision")
            .WithSummary("The inclusion proofs of the events behind a published revision's inputs against the journal digest it carries: checkable by anyone holding that digest")
            .Produces<RevisionProof>().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/record", (string bodyCode, int period, AssessmentQueries queries, CancellationToken ct) => queries.AssessmentAsync(bodyCode, period, ct))
            .WithName("GetAssessmentRecord")
            .WithSummary("What was recorded on the assessment: opening, measures and recognitions, penalties and withdrawals, revisions, each with who and when")
            .Produces<AssessmentView>().ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapGet($"{one}/explain", (string bodyCode, int period, string? figure, DateTimeOffset? asOf, int? events, AssessmentQueries queries, CancellationToken ct) =>
                queries.ExplainAsync(bodyCode, period, figure, asOf, Math.Clamp(events ?? AssessmentQueries.DefaultEventsPerInput, 0, 10_000), ct))
            .WithName("ExplainAssessmentFigure")
            .WithSummary("How a figure (final, sum, penalty, a criterion, an indicator) was derived: formula and parameters, inputs, and the events behind each input")
            .Produces<ScorecardExplanation>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapGet($"{one}/diff", (string bodyCode, int period, DateTimeOffset? from, int? fromRevision, DateTimeOffset? to, AssessmentQueries queries, CancellationToken ct) =>
                queries.DiffAsync(bodyCode, period, from, fromRevision, to, ct))
            .WithName("DiffAssessment")
            .WithSummary("What changed between a moment or a published revision and a later moment (now by default), and which events changed it")
            .Produces<ScorecardDiff>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapGet($"{one}/history", (string bodyCode, int period, string? figure, AssessmentQueries queries, CancellationToken ct) =>
                queries.HistoryAsync(bodyCode, period, string.IsNullOrWhiteSpace(figure) ? "final" : figure.Trim(), ct))
            .WithName("GetFigureHistory").WithSummary("Every change of one figure over recording time, each with the event that caused it")
            .Produces<FigureHistory>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet($"{one}/revisions/{{revision:int}}/conclusion", async (string bodyCode, int period, int revision, string? format, AssessmentQueries queries,
                CancellationToken ct) =>
            {
                var (bodyName, assessment, published, version) = await ConclusionDocument.LoadAsync(queries, bodyCode, period, revision, ct);
                return (format ?? "html").ToLowerInvariant() switch
                {
                    "html" => Results.Content(ConclusionDocument.Html(bodyName, assessment, published, version), "text/html; charset=utf-8"),
                    "md" or "markdown" => Results.Content(ConclusionDocument.Markdown(bodyName, assessment, published, version), "text/markdown; charset=utf-8"),
                    _ => throw new DomainRuleViolation("format", "must be html or md"),
                };
            })
            .WithName("GetAssessmentConclusion")
            .WithSummary("The conclusion document of a published revision (HTML or Markdown, in Russian): the table of criteria, then each indicator's reasoning")
            .Produces<string>(contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
    }
}

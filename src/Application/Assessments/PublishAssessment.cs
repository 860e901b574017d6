using Monitoring.Domain.Journal;
using Monitoring.Application.Journal;
using Monitoring.Projections.Journal;
using Monitoring.Projections.Assessments;

namespace Monitoring.Application.Assessments;

/// <summary>
/// Publish the assessment as it stands now: the first publication, or a revision with the reason. The scorecard is
/// frozen with every input, the evidence sequence it was read up to, and its content hash.
/// </summary>
public sealed record PublishAssessment(string BodyCode, int Period, string? Reason, long? ExpectedVersion)
    : AssessmentCommand(BodyCode, Period), IExpectVersion;

public sealed class PublishAssessmentValidator : AbstractValidator<PublishAssessment>
{
    public PublishAssessmentValidator() => RuleFor(x => x.Reason).MaximumLength(4000);
}

public static class PublishAssessmentHandler
{
    /// <summary>
    /// How long a sender waits for the survey read model to reach the evidence before sending (and the journal's
    /// sealer to reach it before the digest is signed).
    /// </summary>
    public static readonly TimeSpan SurveyWait = TimeSpan.FromSeconds(15);

    public const string SurveyBehind = "The survey read model is still catching up with recorded answers; publish again in a moment";

    /// <summary>
    /// Checks once that the survey read model has reached the evidence and refuses otherwise: waiting is the sender's
    /// (<see cref="AssessmentEvidenceLoader.WaitForSurveyAsync"/>), so a handler never sleeps holding its session.
    /// </summary>
    public static async Task<(CommandResult, Events)> Handle(PublishAssessment c, [WriteAggregate] Assessment assessment, AssessmentQueries queries,
        JournalStore journal, JournalKeys keys, CancellationToken ct)
    {
        var (computed, log, _, _) = await queries.ComputeAsync(c.BodyCode, c.Period, null, null, ct);
        // A frozen revision must not miss answers the survey read model has not applied yet.
        if (!log.SurveyComplete) throw new InvalidTransition(SurveyBehind);

        // The revision carries the signed digest of the history it was computed from: anyone holding the digest can
        // later check, with the revision's inclusion proofs, that its evidence is still in the journal. Decided first,
        // so a refused publication signs nothing.
        var published = assessment.Publish(computed, c.Reason);
        var digest = await journal.CreateDigestAsync(keys.Signer,
            $"publication of {c.BodyCode}/{c.Period} revision {published.Revision}", log.Sequence, SurveyWait, ct);
        return Decision.Of($"{c.BodyCode}/{c.Period}/{published.Revision}", assessment, published with { Journal = JournalDigestRef.Of(digest) });
    }
}

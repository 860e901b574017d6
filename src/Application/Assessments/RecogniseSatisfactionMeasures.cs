namespace Monitoring.Application.Assessments;

/// <summary>An assessor recognises (or refuses) the measures last reported by the body, with the reason.</summary>
[Post("/api/assessments/{bodyCode}/{period:int}/measures/recognition", "Recognise (or refuse) the measures last reported, with the reason",
    Problems = [404, 409])]
public sealed record RecogniseSatisfactionMeasures(string BodyCode, int Period, bool Recognised, string Reason, long? ExpectedVersion)
    : AssessmentCommand(BodyCode, Period), IExpectVersion;

public sealed class RecogniseSatisfactionMeasuresValidator : AbstractValidator<RecogniseSatisfactionMeasures>
{
    public RecogniseSatisfactionMeasuresValidator() => RuleFor(x => x.Reason).IsReason(4000);
}

public static class RecogniseSatisfactionMeasuresHandler
{
    public static (CommandResult, Events) Handle(RecogniseSatisfactionMeasures c, [WriteAggregate] Assessment assessment) =>
        Decision.Of($"{c.BodyCode}/{c.Period}", assessment, assessment.Recognise(c.Recognised, c.Reason));
}

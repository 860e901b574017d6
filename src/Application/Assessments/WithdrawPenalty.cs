namespace Monitoring.Application.Assessments;

/// <summary>Withdraw a penalty with the reason; it stays in the history and counts nothing from then on.</summary>
[Post("/api/assessments/{bodyCode}/{period:int}/penalties/{penaltyId}/withdrawal", "Withdraw a penalty with the reason; it stays in the history",
    Problems = [404, 409])]
public sealed record WithdrawPenalty(string BodyCode, int Period, string PenaltyId, string Reason, long? ExpectedVersion)
    : AssessmentCommand(BodyCode, Period), IExpectVersion;

public sealed class WithdrawPenaltyValidator : AbstractValidator<WithdrawPenalty>
{
    public WithdrawPenaltyValidator() => RuleFor(x => x.Reason).IsReason(4000);
}

public static class WithdrawPenaltyHandler
{
    public static (CommandResult, Events) Handle(WithdrawPenalty c, [WriteAggregate] Assessment assessment) =>
        Decision.Of(c.PenaltyId, assessment, assessment.WithdrawPenalty(c.PenaltyId, c.Reason));
}

using Monitoring.Application.Inspections;

namespace Monitoring.Application.Assessments;

/// <summary>An assessor assesses penalty points (штрафные баллы) with the reason and the legal basis.</summary>
[Post("/api/assessments/{bodyCode}/{period:int}/penalties",
    "Assess penalty points with the reason and legal basis (the methodology caps their sum)", Problems = [404, 409])]
public sealed record AssessPenalty(string BodyCode, int Period, string PenaltyId, decimal Points, string Reason, string LegalBasis, long? ExpectedVersion)
    : AssessmentCommand(BodyCode, Period), IExpectVersion;

public sealed class AssessPenaltyValidator : AbstractValidator<AssessPenalty>
{
    public AssessPenaltyValidator()
    {
        RuleFor(x => x.PenaltyId).IsInspectionId();
        RuleFor(x => x.Points).GreaterThan(0).LessThanOrEqualTo(5);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.LegalBasis).NotEmpty().WithMessage("name the legal basis of the penalty").MaximumLength(1000);
    }
}

public static class AssessPenaltyHandler
{
    public static (CommandResult, Events) Handle(AssessPenalty c, [WriteAggregate] Assessment assessment) =>
        Decision.Of(c.PenaltyId, assessment, assessment.AssessPenalty(c.PenaltyId, c.Points, c.Reason, c.LegalBasis));
}

namespace Monitoring.Application.Assessments;

/// <summary>The body's steward reports its own satisfaction monitoring and the measures adopted on its findings.</summary>
[Post("/api/assessments/{bodyCode}/{period:int}/measures",
    "The body's steward reports its own satisfaction monitoring and the measures adopted on it (indicator 1.2 needs an assessor's recognition)",
    Problems = [404], Steward = true)]
public sealed record ReportSatisfactionMeasures(
    string BodyCode, int Period, bool OwnMonitoringHeld, bool MeasuresAdopted, string Description, string DocumentReference, long? ExpectedVersion)
    : AssessmentCommand(BodyCode, Period), IExpectVersion;

public sealed class ReportSatisfactionMeasuresValidator : AbstractValidator<ReportSatisfactionMeasures>
{
    public ReportSatisfactionMeasuresValidator()
    {
        RuleFor(x => x.Description).NotEmpty().MaximumLength(8000);
        RuleFor(x => x.DocumentReference).NotEmpty().WithMessage("name the document (order, plan, report) that shows the measures").MaximumLength(500);
    }
}

public static class ReportSatisfactionMeasuresHandler
{
    public static (CommandResult, Events) Handle(ReportSatisfactionMeasures c, [WriteAggregate] Assessment assessment) =>
        Decision.Of($"{c.BodyCode}/{c.Period}", assessment, new SatisfactionMeasuresReported(c.BodyCode, c.Period, c.OwnMonitoringHeld,
            c.MeasuresAdopted, c.Description.Trim(), c.DocumentReference.Trim()));
}

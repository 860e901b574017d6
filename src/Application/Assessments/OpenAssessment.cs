using Monitoring.Projections.Methodology;

namespace Monitoring.Application.Assessments;

/// <summary>Open the assessment of a body for a period under a methodology version (assessors).</summary>
[Post("/api/assessments",
    "Open the assessment of a body for a period under a methodology version, with the previous final score if it predates the system",
    Created = "/api/assessments/{bodyCode}/{period}", Problems = [409])]
public sealed record OpenAssessment(string BodyCode, int Period, string MethodologyCode, decimal? PreviousFinal, string? PreviousFinalSource)
    : AssessmentCommand(BodyCode, Period);

public sealed class OpenAssessmentValidator : AbstractValidator<OpenAssessment>
{
    public OpenAssessmentValidator()
    {
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.MethodologyCode).NotEmpty().Matches(CatalogueRules.CodePattern);
        RuleFor(x => x.PreviousFinal).InclusiveBetween(-100, 100);
        RuleFor(x => x.PreviousFinalSource).NotEmpty().WithMessage("say where the previous final score comes from (e.g. the previous conclusion)")
            .MaximumLength(2000).When(x => x.PreviousFinal is not null);
    }
}

public static class OpenAssessmentHandler
{
    public static async Task<(CommandResult, Events)> Handle(OpenAssessment c, [WriteAggregate(Required = false)] Assessment? existing,
        IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.RequireActiveBodyAsync(session, c.BodyCode, "bodyCode", ct);
        if (await session.LoadAsync<MethodologyView>(MethodologyView.StreamKey(c.MethodologyCode), ct) is null)
            throw new DomainRuleViolation("methodologyCode", $"no published methodology version '{c.MethodologyCode}'");
        return Decision.Of($"{c.BodyCode}/{c.Period}", existing,
            Assessment.Open(existing, new AssessmentOpened(c.BodyCode, c.Period, c.MethodologyCode, c.PreviousFinal, c.PreviousFinalSource?.Trim())));
    }
}

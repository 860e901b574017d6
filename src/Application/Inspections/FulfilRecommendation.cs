namespace Monitoring.Application.Inspections;

/// <summary>Mark a recommendation of a closed inspection fulfilled.</summary>
[Post("/api/inspections/{inspectionId}/recommendations/{recommendationId}/fulfil", "Mark a recommendation of a closed inspection fulfilled",
    Problems = [404, 409])]
public sealed record FulfilRecommendation(string InspectionId, string RecommendationId, DateOnly FulfilledOn, string Note)
    : InspectionCommand(InspectionId);

public sealed class FulfilRecommendationValidator : InspectionCommandValidator<FulfilRecommendation>
{
    public FulfilRecommendationValidator()
    {
        RuleFor(x => x.RecommendationId).IsInspectionId();
        RuleFor(x => x.Note).NotEmpty().MaximumLength(4000);
    }
}

public static class FulfilRecommendationHandler
{
    public static (CommandResult, Events) Handle(FulfilRecommendation c, [WriteAggregate] Inspection inspection) =>
        Decision.Of(c.RecommendationId, inspection, inspection.Fulfil(c.RecommendationId, c.FulfilledOn, c.Note));
}

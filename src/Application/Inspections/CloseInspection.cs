namespace Monitoring.Application.Inspections;

/// <summary>Close an inspection with its findings and recommendations; nothing new can be recorded in it afterwards.</summary>
[Post("/api/inspections/{inspectionId}/close",
    "Close an inspection with findings and recommendations; it is frozen for new violations", Problems = [404, 409])]
public sealed record CloseInspection(string InspectionId, DateOnly ClosedOn, string Findings, IReadOnlyList<Recommendation>? Recommendations)
    : InspectionCommand(InspectionId);

public sealed class CloseInspectionValidator : InspectionCommandValidator<CloseInspection>
{
    public CloseInspectionValidator()
    {
        RuleFor(x => x.Findings).NotEmpty().MaximumLength(20_000);
        RuleForEach(x => x.Recommendations).ChildRules(r =>
        {
            r.RuleFor(x => x.RecommendationId).IsInspectionId();
            r.RuleFor(x => x.Text).NotEmpty().MaximumLength(4000);
        });
    }
}

public static class CloseInspectionHandler
{
    public static (CommandResult, Events) Handle(CloseInspection c, [WriteAggregate] Inspection inspection) =>
        Decision.Of(c.InspectionId, inspection, inspection.Close(c.ClosedOn, c.Findings, c.Recommendations ?? []));
}

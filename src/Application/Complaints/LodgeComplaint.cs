namespace Monitoring.Application.Complaints;

/// <summary>Record a complaint lodged with a body (by the body's data steward or an admin).</summary>
[Post("/api/complaints", "Record a complaint lodged with a body; its answer deadline is fixed now", Created = "/api/complaints/{complaintId}",
    Problems = [409], Steward = true)]
public sealed record LodgeComplaint(string ComplaintId, string BodyCode, string? ServiceCode, Channel Channel, DateOnly LodgedOn, string Summary)
    : ComplaintCommand(ComplaintId), IBodyScoped;

public sealed class LodgeComplaintValidator : AbstractValidator<LodgeComplaint>
{
    public LodgeComplaintValidator()
    {
        RuleFor(x => x.ComplaintId).NotEmpty().Matches(Inspections.InspectionRules.IdPattern);
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.LodgedOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(x => x.Summary).NotEmpty().MaximumLength(4000);
    }
}

public static class LodgeComplaintHandler
{
    public static async Task<(CommandResult, Events)> Handle(LodgeComplaint c, [WriteAggregate(Required = false)] Complaint? existing,
        IDocumentSession session, ComplaintSettings settings, CancellationToken ct)
    {
        await CatalogueRules.RequireActiveBodyAsync(session, c.BodyCode, "bodyCode", ct);
        if (c.ServiceCode is not null && await session.LoadAsync<Projections.Catalogue.CatalogueService>(PublicService.StreamKey(c.ServiceCode), ct) is null)
            throw new DomainRuleViolation("serviceCode", $"unknown service '{c.ServiceCode}'");
        return Decision.Of(c.ComplaintId, existing, Complaint.Lodge(existing, new ComplaintLodged(c.ComplaintId, c.BodyCode, c.ServiceCode,
            c.Channel, c.LodgedOn, c.LodgedOn.AddDays(settings.AnswerDeadlineDays), c.Summary.Trim())));
    }
}

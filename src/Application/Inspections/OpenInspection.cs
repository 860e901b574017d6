namespace Monitoring.Application.Inspections;

/// <summary>Open a control inspection (проверка) of a body or unit: kind, services, period, legal basis.</summary>
[Post("/api/inspections", "Open a control inspection of a body or unit (inspectors only)", Created = "/api/inspections/{inspectionId}",
    Problems = [409])]
public sealed record OpenInspection(
    string InspectionId, string BodyCode, string? UnitCode, InspectionKind Kind, IReadOnlyList<string> Services,
    DateOnly PeriodFrom, DateOnly PeriodTo, string LegalBasis, DateOnly OpenedOn) : InspectionCommand(InspectionId), IBodyScoped;

public sealed class OpenInspectionValidator : InspectionCommandValidator<OpenInspection>
{
    public OpenInspectionValidator()
    {
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.UnitCode!).IsCatalogueCode().When(x => x.UnitCode is not null);
        RuleFor(x => x.Services).NotEmpty().WithMessage("must name the services in scope");
        RuleFor(x => x.PeriodTo).GreaterThanOrEqualTo(x => x.PeriodFrom);
        RuleFor(x => x.LegalBasis).NotEmpty().MaximumLength(1000);
    }
}

public static class OpenInspectionHandler
{
    public static async Task<(CommandResult, Events)> Handle(OpenInspection c, [WriteAggregate(Required = false)] Inspection? existing,
        IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.RequireActiveBodyAsync(session, c.BodyCode, "bodyCode", ct);
        if (c.UnitCode is not null) await CatalogueRules.RequireActiveBodyAsync(session, c.UnitCode, "unitCode", ct);
        await CatalogueRules.RequireServicesAsync(session, c.Services, "services", ct);
        return Decision.Of(c.InspectionId, existing, Inspection.Open(existing, new InspectionOpened(c.InspectionId, c.BodyCode, c.UnitCode, c.Kind,
            c.Services.Distinct().ToList(), c.PeriodFrom, c.PeriodTo, c.LegalBasis.Trim(), c.OpenedOn)));
    }
}

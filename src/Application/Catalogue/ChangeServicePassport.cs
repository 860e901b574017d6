namespace Monitoring.Application.Catalogue;

/// <summary>
/// A new passport (стандарт услуги) takes effect from its date, e.g. the term cut from 30 to 10 days.
/// The same effective date as an existing passport corrects it; the reason is kept.
/// </summary>
[Post("/api/catalogue/services/{code}/passport",
    "Record a new passport effective from its date (the same date corrects the earlier one)", Problems = [404, 409])]
public sealed record ChangeServicePassport(string Code, ServicePassport Passport, string Reason, long? ExpectedVersion)
    : ServiceCommand(Code), ICatalogueChange;

public sealed class ChangeServicePassportValidator : CatalogueChangeValidator<ChangeServicePassport>
{
    public ChangeServicePassportValidator() => RuleFor(x => x.Passport).NotNull().SetValidator(new ServicePassportValidator());
}

public static class ChangeServicePassportHandler
{
    public static async Task<(CommandResult, Events)> Handle(ChangeServicePassport c, [WriteAggregate] PublicService service,
        IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.CheckOwnerAsync(session, c.Passport, ct);
        return Decision.Of(c.Code, service, service.ChangePassport(c.Passport, c.Reason));
    }
}

namespace Monitoring.Application.Catalogue;

/// <summary>Retire a body (abolished or merged). Its history stays; nothing new can reference it.</summary>
[Post("/api/catalogue/bodies/{code}/retire", "Retire a state body (abolished or merged); its history stays", Problems = [404, 409])]
public sealed record RetireStateBody(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion) : BodyCommand(Code), ICatalogueChange;

/// <summary>Retire a service from the register; no passport is valid from that date.</summary>
[Post("/api/catalogue/services/{code}/retire", "Retire a service from the register; no passport is valid from that date", Problems = [404, 409])]
public sealed record RetireService(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion) : ServiceCommand(Code), ICatalogueChange;

public sealed class RetireStateBodyValidator : CatalogueChangeValidator<RetireStateBody>;

public sealed class RetireServiceValidator : CatalogueChangeValidator<RetireService>;

public static class CatalogueRetireHandler
{
    public static (CommandResult, Events) Handle(RetireStateBody c, [WriteAggregate] StateBody body) =>
        Decision.Of(c.Code, body, body.Retire(c.RetiredOn, c.Reason));

    public static (CommandResult, Events) Handle(RetireService c, [WriteAggregate] PublicService service) =>
        Decision.Of(c.Code, service, service.Retire(c.RetiredOn, c.Reason));
}

using Marten;
using Monitoring.Application.Common;

namespace Monitoring.Application.Catalogue;

/// <summary>Retire a body (abolished or merged). Its history stays; nothing new can reference it.</summary>
[Post("/api/catalogue/bodies/{code}/retire", "Retire a state body (abolished or merged); its history stays", Problems = [404, 409])]
public sealed record RetireStateBody(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion) : ICatalogueChange;

/// <summary>Retire a service from the register; no passport is valid from that date.</summary>
[Post("/api/catalogue/services/{code}/retire", "Retire a service from the register; no passport is valid from that date", Problems = [404, 409])]
public sealed record RetireService(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion) : ICatalogueChange;

public sealed class RetireStateBodyValidator : CatalogueChangeValidator<RetireStateBody>;

public sealed class RetireServiceValidator : CatalogueChangeValidator<RetireService>;

public static class CatalogueRetireHandler
{
    public static Task<CommandResult> Handle(RetireStateBody c, IDocumentSession session, CancellationToken ct) =>
        session.ChangeBodyAsync(c, body => body.Retire(c.RetiredOn, c.Reason), ct);

    public static Task<CommandResult> Handle(RetireService c, IDocumentSession session, CancellationToken ct) =>
        session.ChangeServiceAsync(c, service => service.Retire(c.RetiredOn, c.Reason), ct);
}

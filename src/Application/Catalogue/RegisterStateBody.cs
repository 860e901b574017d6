namespace Monitoring.Application.Catalogue;

/// <summary>Register a state body (центральный государственный орган / местный исполнительный орган).</summary>
[Post("/api/catalogue/bodies", "Register a state body (central or local)", Created = "/api/catalogue/bodies/{id}", Problems = [409])]
public sealed record RegisterStateBody(
    string Code, string NameRu, string? NameKk, GovernmentLevel Level, string? ParentCode, string? RegionCode,
    DateOnly EffectiveFrom) : BodyCommand(Code);

public sealed class RegisterStateBodyValidator : AbstractValidator<RegisterStateBody>
{
    public RegisterStateBodyValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.ParentCode!).IsCatalogueCode().When(x => x.ParentCode is not null);
        RuleFor(x => x.RegionCode!).IsTerritoryCode().When(x => x.RegionCode is not null);
        RuleFor(x => x.EffectiveFrom).InclusiveBetween(new DateOnly(1991, 12, 16), new DateOnly(2100, 12, 31));
    }
}

public static class RegisterStateBodyHandler
{
    public static async Task<(CommandResult, Events)> Handle(RegisterStateBody c, [WriteAggregate(Required = false)] StateBody? existing,
        IDocumentSession session, CancellationToken ct)
    {
        if (c.ParentCode is not null) await CatalogueRules.RequireActiveBodyAsync(session, c.ParentCode, "parentCode", ct);
        if (c.RegionCode is not null) await CatalogueRules.RequireTerritoryAsync(session, c.RegionCode, "regionCode", ct);
        return Decision.Of(c.Code, existing,
            StateBody.Register(existing, c.Code, c.NameRu, c.NameKk, c.Level, c.ParentCode, c.RegionCode, c.EffectiveFrom));
    }
}

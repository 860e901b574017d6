namespace Monitoring.Application.Catalogue;

/// <summary>A command on one territory: Wolverine's aggregate handler workflow fetches the stream named by <see cref="StreamKey"/>.</summary>
public abstract record TerritoryCommand(string Code)
{
    [Identity, JsonIgnore]
    public string StreamKey => Territory.StreamKey(Code);
}

/// <summary>Register a territory of any country (a region, a city, a district) under its ISO 3166-2 code or a deeper one.</summary>
[Post("/api/catalogue/territories", "Register a territory (region, city, district) of a country", Created = "/api/catalogue/territories/{id}",
    Problems = [409])]
public sealed record RegisterTerritory(string Code, string Country, string NameRu, string? NameKk, string? NameEn, string? ParentCode)
    : TerritoryCommand(Code);

/// <summary>Rename a territory from a date, with the reason (its code never changes).</summary>
[Post("/api/catalogue/territories/{code}/rename", "Rename a territory from a date (its code stays)", Problems = [404, 409])]
public sealed record RenameTerritory(string Code, string NameRu, string? NameKk, string? NameEn, DateOnly EffectiveFrom, string Reason,
    long? ExpectedVersion) : TerritoryCommand(Code), ICatalogueChange;

public sealed class RegisterTerritoryValidator : AbstractValidator<RegisterTerritory>
{
    public RegisterTerritoryValidator()
    {
        RuleFor(x => x.Code).IsTerritoryCode();
        RuleFor(x => x.Country).NotEmpty().Matches(CatalogueRules.CountryPattern)
            .WithMessage("must be an ISO 3166-1 alpha-2 country code in capitals (e.g. KZ, RU)");
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.NameEn!).MaximumLength(1000);
        RuleFor(x => x.ParentCode!).IsTerritoryCode().When(x => x.ParentCode is not null);
    }
}

public sealed class RenameTerritoryValidator : CatalogueChangeValidator<RenameTerritory>
{
    public RenameTerritoryValidator()
    {
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.NameEn!).MaximumLength(1000);
        RuleFor(x => x.EffectiveFrom).InclusiveBetween(new DateOnly(1991, 12, 16), new DateOnly(2100, 12, 31));
    }
}

public static class TerritoryHandler
{
    public static async Task<(CommandResult, Events)> Handle(RegisterTerritory c, [WriteAggregate(Required = false)] Territory? existing,
        IDocumentSession session, CancellationToken ct)
    {
        var parent = c.ParentCode is null ? null : await session.Events.FetchLatest<Territory>(Territory.StreamKey(c.ParentCode), ct);
        return Decision.Of(c.Code, existing,
            Territory.Register(existing, c.Code, c.Country, c.NameRu, c.NameKk, c.NameEn, c.ParentCode, parent));
    }

    public static (CommandResult, Events) Handle(RenameTerritory c, [WriteAggregate] Territory territory) =>
        Decision.Of(c.Code, territory, territory.Rename(c.NameRu, c.NameKk, c.NameEn, c.EffectiveFrom, c.Reason));
}

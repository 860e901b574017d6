namespace Monitoring.Domain.Catalogue;

/// <summary>
/// Write-side state of a territory (a region, a city, a district of any country) and the decisions on it
/// (pure: state + command → events). Bodies and survey answers name their territory by its code.
/// </summary>
public sealed record Territory(string Code, string Country, string NameRu, string? NameKk, string? NameEn, string? ParentCode) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string code) => $"territory:{code}";

    /// <summary>The stream key; lets the event store aggregate this state for writing.</summary>
    public string Id => StreamKey(Code);

    public static Territory? Evolve(Territory? state, object @event) => @event switch
    {
        TerritoryRegistered e => new Territory(e.Code, e.Country, e.NameRu, e.NameKk, e.NameEn, e.ParentCode),
        TerritoryRenamed e when state is not null => state with { NameRu = e.NameRu, NameKk = e.NameKk, NameEn = e.NameEn },
        _ => state,
    };

    /// <param name="parent">The territory named by <paramref name="parentCode"/> as registered (null: not registered).</param>
    public static TerritoryRegistered Register(
        Territory? existing, string code, string country, string nameRu, string? nameKk, string? nameEn, string? parentCode, Territory? parent)
    {
        if (existing is not null) throw new InvalidTransition($"Territory '{code}' is already registered");
        // ISO 3166-2 codes begin with the country's alpha-2 code; deeper codes of the catalogue keep that prefix.
        if (!code.StartsWith(country + "-", StringComparison.Ordinal))
            throw new DomainRuleViolation("code", $"must begin with its country code '{country}-'");
        if (parentCode is not null)
        {
            if (parent is null) throw new DomainRuleViolation("parentCode", $"territory '{parentCode}' is not registered");
            if (parent.Country != country)
                throw new DomainRuleViolation("parentCode", $"territory '{parentCode}' is in {parent.Country}, not in {country}");
        }
        return new TerritoryRegistered(code, country, nameRu.Trim(), Trimmed(nameKk), Trimmed(nameEn), parentCode);
    }

    public TerritoryRenamed Rename(string nameRu, string? nameKk, string? nameEn, DateOnly effectiveFrom, string reason)
    {
        var (ru, kk, en) = (nameRu.Trim(), Trimmed(nameKk), Trimmed(nameEn));
        if (ru == NameRu && kk == NameKk && en == NameEn) throw new InvalidTransition("The new names are the same as the current ones");
        return new TerritoryRenamed(Code, ru, kk, en, effectiveFrom, reason.Trim());
    }

    private static string? Trimmed(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();
}

namespace Monitoring.Domain.Catalogue;

// Events of a territory's stream (a country's region, city or district). Stream key: Territory.StreamKey(code).

/// <summary>
/// A territory enters the catalogue. <paramref name="Country"/> is an ISO 3166-1 alpha-2 code (KZ, RU);
/// <paramref name="Code"/> is the ISO 3166-2 subdivision code (KZ-KAR, RU-KLU) or a deeper code of the catalogue's own
/// for a district or city under it (RU-KLU-KALUGA). A code never changes.
/// </summary>
public sealed record TerritoryRegistered(string Code, string Country, string NameRu, string? NameKk, string? NameEn, string? ParentCode);

/// <summary>A territory's names change from a date (e.g. South Kazakhstan region became Turkestan region in 2018); its code does not.</summary>
public sealed record TerritoryRenamed(string Code, string NameRu, string? NameKk, string? NameEn, DateOnly EffectiveFrom, string Reason);

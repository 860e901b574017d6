namespace Monitoring.Domain.Catalogue;

// Events of a state body's stream (услугодатель / мемлекеттік орган). Stream key: StateBody.StreamKey(code).

public sealed record StateBodyRegistered(
    string Code, string NameRu, string? NameKk, GovernmentLevel Level, string? ParentCode, string? RegionCode,
    DateOnly EffectiveFrom);

public sealed record StateBodyRenamed(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason) : ICatalogueRenamed;

public sealed record StateBodyReparented(string Code, string? ParentCode, DateOnly EffectiveFrom, string Reason);

public sealed record StateBodyRetired(string Code, DateOnly RetiredOn, string Reason) : ICatalogueRetired;

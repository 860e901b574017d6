namespace Monitoring.Domain.Catalogue;

// Events of a public service's stream (государственная услуга). Stream key: PublicService.StreamKey(code).

public sealed record ServiceRegistered(string Code, string NameRu, string? NameKk, ServicePassport Passport);

public sealed record ServiceRenamed(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason) : ICatalogueRenamed;

/// <summary>
/// A new passport takes effect from <see cref="ServicePassport.EffectiveFrom"/>. A change with the same effective date as
/// an earlier one corrects that passport; the earlier event stays in the stream and in the history.
/// </summary>
public sealed record ServicePassportChanged(string Code, ServicePassport Passport, string Reason);

public sealed record ServiceRetired(string Code, DateOnly RetiredOn, string Reason) : ICatalogueRetired;

/// <summary>A body or a service renamed from a date: the catalogue's read models keep every name.</summary>
public interface ICatalogueRenamed
{
    string NameRu { get; }
    string? NameKk { get; }
    DateOnly EffectiveFrom { get; }
    string Reason { get; }
}

/// <summary>A body or a service retired.</summary>
public interface ICatalogueRetired
{
    DateOnly RetiredOn { get; }
    string Reason { get; }
}

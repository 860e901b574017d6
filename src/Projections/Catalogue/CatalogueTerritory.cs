namespace Monitoring.Projections.Catalogue;

/// <summary>Read model of a territory with every name it has had (inline: consistent with the writes that check against it).</summary>
public sealed class CatalogueTerritory
{
    /// <summary>The stream key, <c>territory:{code}</c>.</summary>
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public string Country { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string? NameKk { get; set; }
    public string? NameEn { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>Names in recording order; the registration's has no date (the names a territory had when the catalogue met it).</summary>
    public List<TerritoryNames> Names { get; set; } = [];
    public long Version { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed record TerritoryNames(string NameRu, string? NameKk, string? NameEn, DateOnly? EffectiveFrom, string? Reason, Provenance RecordedBy);

public sealed class CatalogueTerritoryProjection : SingleStreamProjection<CatalogueTerritory, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public CatalogueTerritoryProjection()
    {
        IncludeType<TerritoryRegistered>();
        IncludeType<TerritoryRenamed>();
    }

    public override CatalogueTerritory? Evolve(CatalogueTerritory? snapshot, string id, IEvent e)
    {
        var provenance = Provenance.Of(e);
        switch (e.Data)
        {
            case TerritoryRegistered r:
                snapshot = new CatalogueTerritory
                {
                    Id = id, Code = r.Code, Country = r.Country, NameRu = r.NameRu, NameKk = r.NameKk, NameEn = r.NameEn, ParentCode = r.ParentCode,
                    Names = [new TerritoryNames(r.NameRu, r.NameKk, r.NameEn, null, null, provenance)],
                };
                break;
            case TerritoryRenamed r when snapshot is not null:
                (snapshot.NameRu, snapshot.NameKk, snapshot.NameEn) = (r.NameRu, r.NameKk, r.NameEn);
                snapshot.Names.Add(new TerritoryNames(r.NameRu, r.NameKk, r.NameEn, r.EffectiveFrom, r.Reason, provenance));
                break;
            default:
                return snapshot;
        }
        snapshot.Version = e.Version;
        snapshot.LastChangedAt = e.Timestamp;
        return snapshot;
    }
}

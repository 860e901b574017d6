namespace Monitoring.Projections.Catalogue;

/// <summary>Questions analysts and other capabilities ask of the catalogue.</summary>
public sealed class CatalogueQueries(IQuerySession session)
{
    public Task<CatalogueService?> ServiceAsync(string code, CancellationToken ct) =>
        session.LoadAsync<CatalogueService>(PublicService.StreamKey(code), ct);

    public Task<CatalogueBody?> BodyAsync(string code, CancellationToken ct) =>
        session.LoadAsync<CatalogueBody>(StateBody.StreamKey(code), ct);

    public async Task<IReadOnlyList<CatalogueService>> ServicesAsync(
        string? bodyCode, GovernmentLevel? level, string? text, bool includeRetired, CancellationToken ct)
    {
        IQueryable<CatalogueService> query = session.Query<CatalogueService>();
        if (bodyCode is not null) query = query.Where(x => x.BodyCode == bodyCode);
        if (!includeRetired) query = query.Where(x => x.RetiredOn == null);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(x => x.NameRu.Contains(t, StringComparison.OrdinalIgnoreCase)
                                     || x.Code.Contains(t, StringComparison.OrdinalIgnoreCase));
        }
        var list = await query.OrderBy(x => x.Code).ToListAsync(ct);
        // Level lives inside the passport list; filter after loading (the catalogue is small).
        return level is null ? list : list.Where(x => x.Passports[^1].Passport.Level == level).ToList();
    }

    public async Task<IReadOnlyList<CatalogueBody>> BodiesAsync(
        GovernmentLevel? level, string? parentCode, string? regionCode, bool includeRetired, CancellationToken ct)
    {
        IQueryable<CatalogueBody> query = session.Query<CatalogueBody>();
        if (level is not null) query = query.Where(x => x.Level == level);
        if (parentCode is not null) query = query.Where(x => x.ParentCode == parentCode);
        if (regionCode is not null) query = query.Where(x => x.RegionCode == regionCode);
        if (!includeRetired) query = query.Where(x => x.RetiredOn == null);
        return await query.OrderBy(x => x.Code).ToListAsync(ct);
    }

    public Task<CatalogueTerritory?> TerritoryAsync(string code, CancellationToken ct) =>
        session.LoadAsync<CatalogueTerritory>(Territory.StreamKey(code), ct);

    /// <summary>Territories of a country and/or directly under a parent territory, by code.</summary>
    public async Task<IReadOnlyList<CatalogueTerritory>> TerritoriesAsync(string? country, string? parentCode, CancellationToken ct)
    {
        IQueryable<CatalogueTerritory> query = session.Query<CatalogueTerritory>();
        if (country is not null) query = query.Where(x => x.Country == country);
        if (parentCode is not null) query = query.Where(x => x.ParentCode == parentCode);
        return await query.OrderBy(x => x.Code).ToListAsync(ct);
    }

    /// <summary>Every registered territory code (a few hundred at most: what survey answers are checked against).</summary>
    public async Task<IReadOnlySet<string>> TerritoryCodesAsync(CancellationToken ct) =>
        (await session.Query<CatalogueTerritory>().Select(x => x.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The chain of parents above a body, nearest first (stops on a missing body; cycles are refused on write).</summary>
    public async Task<IReadOnlyList<string>> AncestorsAsync(string? code, CancellationToken ct)
    {
        var chain = new List<string>();
        for (; code is not null && chain.Count < 64; code = (await BodyAsync(code, ct))?.ParentCode) chain.Add(code);
        return chain;
    }
}

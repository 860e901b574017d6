namespace Monitoring.Projections.Catalogue;

/// <summary>Read model of a state body with its name and parent history.</summary>
public sealed class CatalogueBody : CatalogueEntry
{
    public GovernmentLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public string? RegionCode { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public List<ParentRevision> Parents { get; set; } = [];
}

public sealed record ParentRevision(string? ParentCode, DateOnly EffectiveFrom, string? Reason, Provenance RecordedBy);

public sealed class CatalogueBodyProjection : CatalogueProjection<CatalogueBody>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public CatalogueBodyProjection()
    {
        IncludeType<StateBodyRegistered>();
        IncludeType<StateBodyRenamed>();
        IncludeType<StateBodyReparented>();
        IncludeType<StateBodyRetired>();
    }

    protected override CatalogueBody? Apply(CatalogueBody? body, string id, object data, Provenance provenance)
    {
        switch (data)
        {
            case StateBodyRegistered registered:
                body = Registered(id, registered.Code, registered.NameRu, registered.NameKk, registered.EffectiveFrom, provenance);
                (body.Level, body.ParentCode, body.RegionCode, body.EffectiveFrom) =
                    (registered.Level, registered.ParentCode, registered.RegionCode, registered.EffectiveFrom);
                body.Parents.Add(new ParentRevision(registered.ParentCode, registered.EffectiveFrom, null, provenance));
                return body;
            case StateBodyReparented reparented when body is not null:
                body.ParentCode = reparented.ParentCode;
                body.Parents.Add(new ParentRevision(reparented.ParentCode, reparented.EffectiveFrom, reparented.Reason, provenance));
                return body;
            default:
                return null;
        }
    }
}

using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Common;

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
    protected override CatalogueBody? Apply(CatalogueBody? body, string id, object data, Provenance provenance)
    {
        switch (data)
        {
            case StateBodyRegistered registered:
                return new CatalogueBody
                {
                    Id = id,
                    Code = registered.Code,
                    NameRu = registered.NameRu,
                    NameKk = registered.NameKk,
                    Level = registered.Level,
                    ParentCode = registered.ParentCode,
                    RegionCode = registered.RegionCode,
                    EffectiveFrom = registered.EffectiveFrom,
                    Names = [new NameRevision(registered.NameRu, registered.NameKk, registered.EffectiveFrom, null, provenance)],
                    Parents = [new ParentRevision(registered.ParentCode, registered.EffectiveFrom, null, provenance)],
                };
            case StateBodyReparented reparented when body is not null:
                body.ParentCode = reparented.ParentCode;
                body.Parents.Add(new ParentRevision(reparented.ParentCode, reparented.EffectiveFrom, reparented.Reason, provenance));
                return body;
            default:
                return null;
        }
    }
}

using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Catalogue;

public sealed class CatalogueBodyProjection : SingleStreamProjection<CatalogueBody, string>
{
    public override CatalogueBody? Evolve(CatalogueBody? snapshot, string id, IEvent e)
    {
        var provenance = Provenance.Of(e);
        switch (e.Data)
        {
            case StateBodyRegistered registered:
                snapshot = new CatalogueBody
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
                break;
            case StateBodyRenamed renamed when snapshot is not null:
                snapshot.NameRu = renamed.NameRu;
                snapshot.NameKk = renamed.NameKk;
                snapshot.Names.Add(new NameRevision(renamed.NameRu, renamed.NameKk, renamed.EffectiveFrom, renamed.Reason, provenance));
                break;
            case StateBodyReparented reparented when snapshot is not null:
                snapshot.ParentCode = reparented.ParentCode;
                snapshot.Parents.Add(new ParentRevision(reparented.ParentCode, reparented.EffectiveFrom, reparented.Reason, provenance));
                break;
            case StateBodyRetired retired when snapshot is not null:
                snapshot.RetiredOn = retired.RetiredOn;
                snapshot.RetirementReason = retired.Reason;
                break;
            default:
                return snapshot;
        }

        snapshot.Version = e.Version;
        snapshot.LastChangedAt = e.Timestamp;
        return snapshot;
    }
}

using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Catalogue;

public sealed class CatalogueServiceProjection : SingleStreamProjection<CatalogueService, string>
{
    public override CatalogueService? Evolve(CatalogueService? snapshot, string id, IEvent e)
    {
        var provenance = Provenance.Of(e);
        switch (e.Data)
        {
            case ServiceRegistered registered:
                snapshot = new CatalogueService
                {
                    Id = id,
                    Code = registered.Code,
                    NameRu = registered.NameRu,
                    NameKk = registered.NameKk,
                    Passports = [new PassportRevision(registered.Passport, null, provenance)],
                    Names = [new NameRevision(registered.NameRu, registered.NameKk, registered.Passport.EffectiveFrom, null, provenance)],
                    BodyCode = registered.Passport.BodyCode,
                };
                break;
            case ServiceRenamed renamed when snapshot is not null:
                snapshot.NameRu = renamed.NameRu;
                snapshot.NameKk = renamed.NameKk;
                snapshot.Names.Add(new NameRevision(renamed.NameRu, renamed.NameKk, renamed.EffectiveFrom, renamed.Reason, provenance));
                break;
            case ServicePassportChanged changed when snapshot is not null:
                EffectiveDated.Insert(snapshot.Passports, new PassportRevision(changed.Passport, changed.Reason, provenance),
                    p => p.Passport.EffectiveFrom);
                snapshot.BodyCode = snapshot.Passports[^1].Passport.BodyCode;
                break;
            case ServiceRetired retired when snapshot is not null:
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

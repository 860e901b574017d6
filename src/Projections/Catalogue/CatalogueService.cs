namespace Monitoring.Projections.Catalogue;

/// <summary>Read model of one public service with every passport and name it has had.</summary>
public sealed class CatalogueService : CatalogueEntry
{
    /// <summary>Passports in order of effective date; equal dates keep recording order (the later corrects the earlier).</summary>
    public List<PassportRevision> Passports { get; set; } = [];

    /// <summary>Owning body of the newest passport (denormalised for filtering).</summary>
    public string BodyCode { get; set; } = "";

    public PassportRevision? PassportOn(DateOnly date) =>
        EffectiveDated.ValidOn(Passports, RetiredOn, date, p => p.Passport.EffectiveFrom);
}

/// <summary>A passport as recorded, with the event that recorded it.</summary>
public sealed record PassportRevision(ServicePassport Passport, string? Reason, Provenance RecordedBy);

public sealed class CatalogueServiceProjection : CatalogueProjection<CatalogueService>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public CatalogueServiceProjection()
    {
        IncludeType<ServiceRegistered>();
        IncludeType<ServiceRenamed>();
        IncludeType<ServicePassportChanged>();
        IncludeType<ServiceRetired>();
    }

    protected override CatalogueService? Apply(CatalogueService? service, string id, object data, Provenance provenance)
    {
        switch (data)
        {
            case ServiceRegistered registered:
                service = Registered(id, registered.Code, registered.NameRu, registered.NameKk, registered.Passport.EffectiveFrom, provenance);
                service.Passports.Add(new PassportRevision(registered.Passport, null, provenance));
                service.BodyCode = registered.Passport.BodyCode;
                return service;
            case ServicePassportChanged changed when service is not null:
                EffectiveDated.Insert(service.Passports, new PassportRevision(changed.Passport, changed.Reason, provenance), p => p.Passport.EffectiveFrom);
                service.BodyCode = service.Passports[^1].Passport.BodyCode;
                return service;
            default:
                return null;
        }
    }
}

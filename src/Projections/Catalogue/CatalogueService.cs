using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Catalogue;

/// <summary>Read model of one public service with every passport and name it has had (inline, consistent with writes).</summary>
public sealed class CatalogueService
{
    /// <summary>The stream key, <c>service:{code}</c>.</summary>
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string? NameKk { get; set; }
    /// <summary>Passports in order of effective date; equal dates keep recording order (the later corrects the earlier).</summary>
    public List<PassportRevision> Passports { get; set; } = [];
    public List<NameRevision> Names { get; set; } = [];
    public DateOnly? RetiredOn { get; set; }
    public string? RetirementReason { get; set; }
    public long Version { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>Owning body of the newest passport (denormalised for filtering).</summary>
    public string BodyCode { get; set; } = "";

    public PassportRevision? PassportOn(DateOnly date) =>
        EffectiveDated.ValidOn(Passports, RetiredOn, date, p => p.Passport.EffectiveFrom);
}

/// <summary>A passport as recorded, with the event that recorded it.</summary>
public sealed record PassportRevision(ServicePassport Passport, string? Reason, Provenance RecordedBy);

public sealed record NameRevision(string NameRu, string? NameKk, DateOnly EffectiveFrom, string? Reason, Provenance RecordedBy);

using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Catalogue;

/// <summary>Read model of a state body with its name and parent history (inline, consistent with writes).</summary>
public sealed class CatalogueBody
{
    /// <summary>The stream key, <c>body:{code}</c>.</summary>
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string? NameKk { get; set; }
    public GovernmentLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public string? RegionCode { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? RetiredOn { get; set; }
    public string? RetirementReason { get; set; }
    public List<NameRevision> Names { get; set; } = [];
    public List<ParentRevision> Parents { get; set; } = [];
    public long Version { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed record ParentRevision(string? ParentCode, DateOnly EffectiveFrom, string? Reason, Provenance RecordedBy);

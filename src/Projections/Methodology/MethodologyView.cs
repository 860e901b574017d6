using Monitoring.Domain.Methodology;

namespace Monitoring.Projections.Methodology;

/// <summary>A published methodology version with who published it, when and why.</summary>
public sealed class MethodologyView
{
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public MethodologyVersion Version { get; set; } = null!;
    public string Reason { get; set; } = "";
    public Provenance PublishedBy { get; set; } = null!;

    public static string StreamKey(string code) => $"methodology:{code}";
}

public sealed class MethodologyViewProjection : SingleStreamProjection<MethodologyView, string>
{
    public override MethodologyView? Evolve(MethodologyView? snapshot, string id, IEvent e) => e.Data is MethodologyVersionPublished p
        ? new MethodologyView { Id = id, Code = p.Version.Code, Version = p.Version, Reason = p.Reason, PublishedBy = Provenance.Of(e) }
        : snapshot;
}

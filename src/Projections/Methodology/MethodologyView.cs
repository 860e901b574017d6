using Monitoring.Domain.Methodology;

namespace Monitoring.Projections.Methodology;

/// <summary>A published methodology version with who published it, when and why.</summary>
public sealed record MethodologyView(string Id, string Code, MethodologyVersion Version, string Reason, Provenance PublishedBy)
{
    public static string StreamKey(string code) => $"methodology:{code}";
}

public sealed class MethodologyViewProjection : SingleStreamProjection<MethodologyView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public MethodologyViewProjection()
    {
        IncludeType<MethodologyVersionPublished>();
    }

    public override MethodologyView? Evolve(MethodologyView? snapshot, string id, IEvent e) => e.Data is MethodologyVersionPublished p
        ? new MethodologyView(id, p.Version.Code, p.Version, p.Reason, Provenance.Of(e))
        : snapshot;
}

namespace Monitoring.Domain.Methodology;

/// <summary>A methodology version was published. Stream <c>methodology:{code}</c>: a version is never edited; a change is a new version.</summary>
public sealed record MethodologyVersionPublished(MethodologyVersion Version, string Reason);

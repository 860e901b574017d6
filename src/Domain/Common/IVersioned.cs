namespace Monitoring.Domain.Common;

/// <summary>A write-side state that knows the stream version it was folded to (Marten sets it as it folds the stream).</summary>
public interface IVersioned
{
    long Version { get; set; }
}

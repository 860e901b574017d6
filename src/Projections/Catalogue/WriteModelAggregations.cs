namespace Monitoring.Projections.Catalogue;

/// <summary>
/// A live aggregation of a write-side state: FetchForWriting folds the stream with the domain's own Evolve, so the
/// decisions run on exactly the state the domain defines (nothing is stored for these).
/// </summary>
public sealed class WriteModelAggregation<T>(Func<T?, object, T?> evolve) : SingleStreamProjection<T, string> where T : class
{
    public override T? Evolve(T? snapshot, string id, IEvent e) => evolve(snapshot, e.Data);
}

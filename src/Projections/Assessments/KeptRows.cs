using Microsoft.Extensions.Caching.Memory;

namespace Monitoring.Projections.Assessments;

/// <summary>
/// Rows read from the database, kept in memory as what they were read into, with the version of the row each came from
/// (PostgreSQL's <c>xmin</c>, the transaction that wrote the row: any update of it, trigger or no trigger, gives it a new
/// one). A reader asks for the keys and versions of the rows it needs (one cheap read), takes those kept at the same
/// version, and reads only the others in full. Bounded: the least used are dropped first.
/// </summary>
public sealed class KeptRows<TKey, T>(long capacity) : IDisposable where TKey : notnull where T : class
{
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = capacity });

    /// <param name="versions">Reads the keys and row versions of the rows wanted, in order, handing each over as it is read.</param>
    /// <param name="read">Reads the given rows in full as they are now, each with its key and row version (one gone is left out).</param>
    public async Task<IReadOnlyList<T>> ReadAsync(Func<Action<TKey, uint>, Task> versions,
        Func<IReadOnlyCollection<TKey>, Task<IEnumerable<(TKey Key, uint Version, T Row)>>> read)
    {
        var rows = new List<T?>();
        var missing = new Dictionary<TKey, int>();
        await versions((key, version) =>
        {
            if (_kept.TryGetValue(key, out (uint Version, T Row) kept) && kept.Version == version) rows.Add(kept.Row);
            else
            {
                missing[key] = rows.Count;
                rows.Add(null);
            }
        });
        if (missing.Count == 0) return rows!;
        // A row changed since its version was read is taken as read here.
        foreach (var (key, version, row) in await read(missing.Keys))
            if (missing.TryGetValue(key, out var at))
            {
                _kept.Set(key, (version, row), new MemoryCacheEntryOptions { Size = 1 });
                rows[at] = row;
            }
        return rows.OfType<T>().ToList();
    }

    public void Dispose() => _kept.Dispose();
}

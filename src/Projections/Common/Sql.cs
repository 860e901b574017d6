namespace Monitoring.Projections.Common;

/// <summary>
/// Hand-written SQL, read and written the same way everywhere: a command with positional parameters (<c>$1</c>,
/// <c>$2</c> …, in the order given) and its rows mapped as they are read. The command is disposed once run.
/// </summary>
internal static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params object[] args) =>
        WithArgs(new NpgsqlCommand(sql, conn), args);

    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, params object[] args) =>
        WithArgs(dataSource.CreateCommand(sql), args);

    private static NpgsqlCommand WithArgs(NpgsqlCommand cmd, object[] args)
    {
        foreach (var value in args) cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return cmd;
    }

    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand cmd, Func<NpgsqlDataReader, T> row, CancellationToken ct)
    {
        await using (cmd)
        {
            var list = new List<T>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) list.Add(row(r));
            return list;
        }
    }

    /// <summary>Streams the rows to <paramref name="row"/> as they are read (for results too large to hold).</summary>
    public static async Task EachAsync(this NpgsqlCommand cmd, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using (cmd)
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) row(r);
        }
    }

    public static async Task<T> SingleAsync<T>(this NpgsqlCommand cmd, Func<NpgsqlDataReader, T> row, CancellationToken ct) =>
        (await cmd.ListAsync(row, ct)).Single();

    public static async Task<T> ScalarAsync<T>(this NpgsqlCommand cmd, CancellationToken ct)
    {
        await using (cmd) return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task ExecuteAsync(this NpgsqlCommand cmd, CancellationToken ct)
    {
        await using (cmd) await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A text column that may be null.</summary>
    public static string? Text(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static byte[] Bytes(this NpgsqlDataReader r, int i) => r.GetFieldValue<byte[]>(i);
}

/// <summary>The positional parameters of a command being written: <see cref="Add"/> keeps a value and gives its placeholder.</summary>
internal sealed class SqlArguments
{
    private readonly List<object> _values = [];

    public string Add(object value)
    {
        _values.Add(value);
        return $"${_values.Count}";
    }

    public object[] Values => [.. _values];
}

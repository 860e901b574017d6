using Npgsql;

namespace Monitoring.Application.Common;

/// <summary>
/// A write that lost a race for a stream's next version to another writer. When the caller stated no
/// <c>expectedVersion</c> it did not ask for optimistic concurrency, so the command is simply run again on the new
/// state (Wolverine's retry policy, see Program). An explicit stale version is <see cref="StaleExpectedVersion"/>,
/// which is not retried: the caller decided on what they saw, and must look again.
/// </summary>
public static class WriteConflict
{
    public static bool IsRetryable(Exception? e) => Causes(e).Select(cause => cause switch
    {
        StaleExpectedVersion => false,
        JasperFx.ConcurrencyException => true,
        // Marten's quick append reports "stream not at the version read" as SQLSTATE MT003.
        PostgresException { SqlState: "MT003" } => true,
        _ => (bool?)null,
    }).FirstOrDefault(retryable => retryable is not null) ?? false;

    /// <summary>An exception and the ones it wraps, outermost first (the store's errors may come wrapped).</summary>
    public static IEnumerable<Exception> Causes(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}

/// <summary>The caller's <c>expectedVersion</c> is no longer the stream's version: answered 409, never retried.</summary>
public sealed class StaleExpectedVersion(string streamKey, long expected, Exception? inner = null)
    : Exception($"'{streamKey}' changed since version {expected} (expectedVersion is stale). Read it again and retry.", inner);

/// <summary>Something that counts once is already recorded (a response id in its campaign): 409, nothing written.</summary>
public sealed class AlreadyRecorded(string what) : Exception($"{what} is already recorded; it counts once, nothing was changed");

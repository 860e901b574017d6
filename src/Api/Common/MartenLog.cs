using Marten.Services;
using Npgsql;

namespace Monitoring.Api.Common;

/// <summary>
/// Marten's logging, with a write that lost a race told apart from a fault. Marten logs every failed command at Error
/// with its stack trace; but a unique-key refusal on the event store (two writers appending the same stream version,
/// a response id already taken, a stream started twice) is the database doing its job: the command is retried on the
/// new state or answered 409, and the request's own log line says so. Those go to Debug, without a stack; anything else
/// stays an Error, with the statement (never its parameters, which carry personal data) and the exception.
/// </summary>
public sealed class MartenLog(ILogger<MartenLog> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Executed schema change:\n{Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failure(ex, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message)
    {
        if (IsConflict(ex)) logger.LogDebug("Write conflict ({Conflict}): {Message}", Describe(ex), message);
        else logger.LogError(ex, "{Message}", message);
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Failure(Exception ex, string sql)
    {
        if (IsConflict(ex)) logger.LogDebug("Write conflict ({Conflict}), retried or answered 409", Describe(ex));
        else logger.LogError(ex, "The database refused a statement:\n{Sql}", sql);
    }

    /// <summary>
    /// A refusal that means another writer got there first: a unique key, Marten's stream-version check, or a stream
    /// started twice (<see cref="StreamCollision"/>).
    /// </summary>
    private static bool IsConflict(Exception ex) =>
        WriteConflict.Causes(ex).Any(e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or "MT003" } or JasperFx.ConcurrencyException)
        || StreamCollision.Is(ex, out _);

    private static string Describe(Exception ex) =>
        WriteConflict.Causes(ex).OfType<PostgresException>().Select(pg => $"{pg.SqlState} {pg.ConstraintName ?? pg.MessageText}").FirstOrDefault()
        ?? ex.GetType().Name;
}

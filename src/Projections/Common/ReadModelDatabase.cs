namespace Monitoring.Projections.Common;

/// <summary>The database and schema of the plain-table read models (survey facts and aggregates), for query services.</summary>
public sealed record ReadModelDatabase(NpgsqlDataSource DataSource, string Schema);

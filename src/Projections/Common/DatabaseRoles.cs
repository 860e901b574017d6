using Microsoft.Extensions.Logging;

namespace Monitoring.Projections.Common;

/// <summary>
/// Defence in depth at the database (README, "Secure it"): the schema owner migrates the schema and grants; the
/// application role — what the API and the tools run as — reads and writes everything it needs, but may only read and
/// append to <see cref="MonitoringStore.AppendOnlyTables"/>, so not even a bug or a stolen application connection can
/// rewrite or erase history.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>
    /// As the owner: creates or migrates the schema (Marten's configured objects, then <see cref="MonitoringStore.OwnerSql"/>),
    /// lets the application role work in <paramref name="schema"/> and in <paramref name="appSchemas"/> (schemas whose
    /// tables the application's libraries create themselves, e.g. Hangfire's), and takes from it every right to change
    /// rows of the append-only tables. Idempotent; meant to run at every start, before anything else touches the
    /// database, since an upgrade may bring new tables.
    /// </summary>
    public static async Task PrepareAsync(string ownerConnectionString, string appConnectionString, string schema,
        IReadOnlyCollection<string> appSchemas, ILogger? logger = null, CancellationToken ct = default)
    {
        // Owner connections are used once, at start: unpooled, so none stays open as the owner afterwards.
        ownerConnectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        if (string.IsNullOrWhiteSpace(app))
            throw new InvalidOperationException("The application connection string names no Username: the owner cannot tell which role to restrict.");

        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        // Nodes starting together take turns: concurrent GRANTs on one object fail ("tuple concurrently updated"). The
        // lock is the session's: closing the connection releases it, whatever happens.
        await ExecuteAsync(conn, "select pg_advisory_lock(hashtext('monitoring-owner:' || $1))", ct, schema);
        await RefuseUnsafeRolesAsync(conn, app, ct);

        await EnsureSchemaAsync(conn, schema, ct);
        using (var store = DocumentStore.For(o =>
               {
                   MonitoringStore.Configure(o, ownerConnectionString, schema);
                   // This store only migrates; the application's nodes run the asynchronous projections (no warning).
                   o.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged;
               }))
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await ApplyOwnerSqlAsync(conn, schema, ct);

        // One transaction: a node already running never sees the grants half applied.
        await using var tx = await conn.BeginTransactionAsync(ct);
        var appendOnly = new HashSet<string>(MonitoringStore.AppendOnlyTables);
        var restricted = new List<string>();
        foreach (var s in appSchemas.Prepend(schema).Distinct())
        {
            // CREATE: Wolverine (in the main schema) and Hangfire (in its own) create and migrate their tables as the
            // application; those belong to the application role and need nothing more.
            await EnsureSchemaAsync(conn, s, ct);
            await ExecuteAsync(conn, $"grant usage, create on schema {Quote(s)} to {Quote(app)}", ct);
            foreach (var (name, root, kind) in await GrantableObjectsAsync(conn, s, app, ct))
            {
                var target = $"{Quote(s)}.{Quote(name)}";
                var history = kind == "r" && s == schema && appendOnly.Contains(root);
                if (history) restricted.Add(target);
                string[] statements = kind switch
                {
                    "S" => [$"grant usage, select, update on sequence {target} to {Quote(app)}"],
                    "f" => [$"grant execute on routine {name} to {Quote(app)}"], // name is a regprocedure
                    // History: read and append, nothing else (no UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES), for the
                    // application and for PUBLIC, which it would inherit from.
                    _ when history => [$"revoke all on {target} from {Quote(app)}, public",
                        $"grant select, insert on {target} to {Quote(app)}"],
                    _ => [$"grant select, insert, update, delete, truncate on {target} to {Quote(app)}"],
                };
                foreach (var statement in statements) await ExecuteAsync(conn, statement, ct);
            }
        }
        await AssertAppendOnlyAsync(conn, schema, app, ct);
        await tx.CommitAsync(ct);
        logger?.LogInformation("Schema {Schema} prepared by its owner; role {AppRole} may only read and append to {Tables}",
            schema, app, string.Join(", ", restricted));
    }

    /// <summary>An application role that is the owner itself or a superuser could undo every restriction.</summary>
    private static async Task RefuseUnsafeRolesAsync(NpgsqlConnection conn, string app, CancellationToken ct)
    {
        var (owner, super) = await Sql.Command(conn, "select current_user, (select rolsuper from pg_roles where rolname = $1)", app)
            .SingleAsync(r => (r.GetString(0), r.IsDBNull(1) ? (bool?)null : r.GetBoolean(1)), ct);
        if (owner == app)
            throw new InvalidOperationException($"ConnectionStrings:Monitoring and ConnectionStrings:MonitoringOwner both connect as '{app}': the application needs a role of its own (README, \"Secure it\").");
        if (super is null)
            throw new InvalidOperationException($"The application role '{app}' does not exist: create it first (README, \"Secure it\").");
        if (super == true)
            throw new InvalidOperationException($"The application role '{app}' is a superuser, which no grant restricts: give the application an ordinary role (README, \"Secure it\").");
    }

    /// <summary>
    /// Tables (with the table each belongs to when it is a partition), sequences and routines of a schema that the owner
    /// may grant on and that the application role does not own already.
    /// </summary>
    private static Task<List<(string Name, string Root, string Kind)>> GrantableObjectsAsync(NpgsqlConnection conn, string schema, string app, CancellationToken ct)
    {
        const string sql = """
            select c.relname::text, coalesce((select r.relname from pg_class r where r.oid = pg_partition_root(c.oid)), c.relname)::text,
                   case c.relkind when 'S' then 'S' else 'r' end
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relkind in ('r', 'p', 'S')
              and pg_get_userbyid(c.relowner) <> $2 and pg_has_role(current_user, c.relowner, 'USAGE')
            union all
            select p.oid::regprocedure::text, '', 'f'
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = $1 and p.prokind in ('f', 'p')
              and pg_get_userbyid(p.proowner) <> $2 and pg_has_role(current_user, p.proowner, 'USAGE')
            """;
        return Sql.Command(conn, sql, schema, app).ListAsync(r => (r.GetString(0), r.GetString(1), r.GetString(2)), ct);
    }

    /// <summary>
    /// What the role can really do, whatever the way (ownership, a role it belongs to, PUBLIC): refuse to run when it could
    /// still change an append-only table.
    /// </summary>
    private static async Task AssertAppendOnlyAsync(NpgsqlConnection conn, string schema, string app, CancellationToken ct)
    {
        var open = await Sql.Command(conn, """
            select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relkind in ('r', 'p')
              and coalesce((select r.relname from pg_class r where r.oid = pg_partition_root(c.oid)), c.relname) = any($3)
              and (has_table_privilege($2, c.oid, 'UPDATE, DELETE, TRUNCATE, TRIGGER') or pg_get_userbyid(c.relowner) = $2)
            """, schema, app, MonitoringStore.AppendOnlyTables.ToArray()).ListAsync(r => r.GetString(0), ct);
        if (open.Count > 0)
            throw new InvalidOperationException(
                $"The application role '{app}' can still change {string.Join(", ", open.Select(t => $"{schema}.{t}"))} (it owns the table, or belongs " +
                "to a role that may change it): hand the table to the owner (ALTER TABLE … OWNER TO …) and take the role out of such roles.");
    }

    /// <summary>
    /// Creates a missing schema. Looked up first: PostgreSQL checks the right to create schemas in the database even when
    /// <c>if not exists</c> would do nothing, and an owner given the schema by an administrator may not hold it.
    /// </summary>
    private static async Task EnsureSchemaAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        if (!await Sql.Command(conn, "select exists (select 1 from pg_namespace where nspname = $1)", schema).ScalarAsync<bool>(ct))
            await ExecuteAsync(conn, $"create schema if not exists {Quote(schema)}", ct);
    }

    /// <summary>
    /// Runs <see cref="MonitoringStore.OwnerSql"/> (idempotent) on <paramref name="conn"/>: here as the owner, or on the
    /// one connection of a host or tool that has no separate owner.
    /// </summary>
    public static async Task ApplyOwnerSqlAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        foreach (var sql in MonitoringStore.OwnerSql(schema)) await ExecuteAsync(conn, sql, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        try
        {
            await Sql.Command(conn, sql, args).ExecuteAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException($"The schema owner's statement failed ({e.SqlState}: {e.MessageText}): {sql}", e);
        }
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}

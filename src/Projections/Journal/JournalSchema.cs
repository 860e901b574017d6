using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Monitoring.Projections.Journal;

/// <summary>
/// The journal's tables, and the trigger that writes a leaf for every event appended to <c>mt_events</c> in the
/// appending transaction, whoever appends (single commands, imports, the projection daemon's tombstones, SQL):
/// <list type="bullet">
/// <item><c>journal_leaves</c>: per event, the fields and hashes of <see cref="Domain.Journal.JournalLeaf"/> as appended;</item>
/// <item><c>journal_tree</c>: the sealed order (tree index → sequence, leaf, chain link), written by one sealer;</item>
/// <item><c>journal_digests</c>: signed checkpoints of the tree.</item>
/// </list>
/// The trigger function runs as its owner (security definer), so the application role needs no right on
/// <c>journal_leaves</c> beyond reading; all three tables are append-only for it.
/// </summary>
public static class JournalSchema
{
    public const string Leaves = "journal_leaves";
    public const string Tree = "journal_tree";
    public const string Digests = "journal_digests";
    public const string Gaps = "journal_gaps";

    public static IReadOnlyList<string> Tables => [Leaves, Tree, Digests, Gaps];

    public static IEnumerable<Table> Definitions(string schema)
    {
        yield return Define(schema, Leaves, "seq_id bigint", "event_id uuid", "stream_id varchar null", "version bigint", "type varchar",
            "recorded_micros bigint", "user_name varchar null", "correlation_id varchar null", "causation_id varchar null", "data_hash bytea",
            "meta_hash bytea", "leaf bytea");

        var tree = Define(schema, Tree, "idx bigint", "seq_id bigint", "leaf bytea", "chain bytea", "sealed_at timestamp with time zone");
        tree.Indexes.Add(new IndexDefinition($"ux_{Tree}_seq_id") { Columns = ["seq_id"], IsUnique = true });
        yield return tree;

        // Sequences the sealer passed without a leaf (a transaction still in flight that Marten's high-water mark gave
        // up on, or one rolled back): only these may still be sealed late. A leaf that appears anywhere else below the
        // sealed mark was put into the history afterwards.
        yield return Define(schema, Gaps, "seq_id bigint", "passed_at timestamp with time zone");

        yield return Define(schema, Digests, "id bigint", "tree_size bigint", "last_seq bigint", "root varchar", "signed_at timestamp with time zone",
            "key_id varchar", "algorithm varchar", "signature varchar", "public_key varchar", "reason varchar");
    }

    /// <summary>A table of columns written "name type": the first is the primary key, the others are not null unless they end in " null".</summary>
    private static Table Define(string schema, string name, params string[] columns)
    {
        var table = new Table(new PostgresqlObjectName(schema, name));
        foreach (var spec in columns)
        {
            var nullable = spec.EndsWith(" null", StringComparison.Ordinal);
            var parts = (nullable ? spec[..^5] : spec).Split(' ', 2);
            var added = table.AddColumn(parts[0], parts[1]);
            if (spec == columns[0]) added.AsPrimaryKey();
            else if (!nullable) added.NotNull();
        }
        return table;
    }

    /// <summary>The leaf trigger (run by the schema owner after Marten's migration; idempotent). Encoding: <see cref="Domain.Journal.JournalLeaf"/>.</summary>
    public static IEnumerable<string> OwnerSql(string schema)
    {
        yield return $$"""
            create or replace function {{schema}}.mt_journal_field(value text) returns text
            language sql immutable parallel safe
            as $$ select case when value is null then E'-\n' else octet_length(value)::text || ':' || value || E'\n' end $$;
            """;
        // The hashes of one stored event (Domain.Journal.JournalLeaf's encoding): used by the trigger, and once, at adoption.
        yield return $$"""
            create or replace function {{schema}}.mt_journal_hashes(e {{schema}}.mt_events,
                out micros bigint, out data_hash bytea, out meta_hash bytea, out leaf bytea)
            language plpgsql immutable
            as $$
            begin
                micros := (extract(epoch from e.timestamp) * 1000000)::bigint;
                data_hash := sha256(convert_to(e.data::text, 'UTF8'));
                meta_hash := sha256(convert_to('mm1' || E'\n'
                    || {{schema}}.mt_journal_field(e.tenant_id) || {{schema}}.mt_journal_field(e.user_name)
                    || {{schema}}.mt_journal_field(e.correlation_id) || {{schema}}.mt_journal_field(e.causation_id)
                    || {{schema}}.mt_journal_field(e.headers::text) || {{schema}}.mt_journal_field(e.mt_dotnet_type)
                    || {{schema}}.mt_journal_field(encode(e.bdata, 'hex')), 'UTF8'));
                leaf := sha256('\x00'::bytea || convert_to('mj1' || E'\n'
                    || {{schema}}.mt_journal_field(e.seq_id::text) || {{schema}}.mt_journal_field(e.id::text)
                    || {{schema}}.mt_journal_field(e.stream_id) || {{schema}}.mt_journal_field(e.version::text)
                    || {{schema}}.mt_journal_field(e.type) || {{schema}}.mt_journal_field(micros::text), 'UTF8') || data_hash || meta_hash);
            end
            $$;
            """;
        yield return $$"""
            create or replace function {{schema}}.mt_journal_leaf() returns trigger
            language plpgsql security definer set search_path = pg_catalog, pg_temp
            as $$
            begin
                insert into {{schema}}.{{Leaves}} (seq_id, event_id, stream_id, version, type, recorded_micros, user_name, correlation_id,
                                                   causation_id, data_hash, meta_hash, leaf)
                select new.seq_id, new.id, new.stream_id, new.version, new.type, h.micros, new.user_name, new.correlation_id, new.causation_id,
                       h.data_hash, h.meta_hash, h.leaf
                from {{schema}}.mt_journal_hashes(new) h;
                return null;
            end
            $$;
            """;
        // Adoption: a store that had events before it had a journal journals them once, when the journal is still empty.
        // Never again afterwards: an event without a leaf is then an event put in behind the application's back.
        yield return $$"""
            do $$
            begin
                if not exists (select 1 from {{schema}}.{{Leaves}}) and not exists (select 1 from {{schema}}.{{Tree}}) then
                    insert into {{schema}}.{{Leaves}} (seq_id, event_id, stream_id, version, type, recorded_micros, user_name, correlation_id,
                                                       causation_id, data_hash, meta_hash, leaf)
                    select e.seq_id, e.id, e.stream_id, e.version, e.type, h.micros, e.user_name, e.correlation_id, e.causation_id,
                           h.data_hash, h.meta_hash, h.leaf
                    from {{schema}}.mt_events e, {{schema}}.mt_journal_hashes(e) h;
                end if;
            end
            $$;
            """;
        yield return $"create or replace trigger mt_journal_leaf after insert on {schema}.mt_events for each row execute function {schema}.mt_journal_leaf()";
    }

    /// <summary>The journal's tables (the trigger and functions are the owner's SQL, <see cref="JournalSchema.OwnerSql"/>).</summary>
    public static StoreOptions ConfigureJournal(this StoreOptions opts, string schema)
    {
        foreach (var table in JournalSchema.Definitions(schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        return opts;
    }
}

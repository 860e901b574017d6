using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections;
using Npgsql;

namespace Monitoring.Api.Tests.Trust;

/// <summary>
/// Defence in depth at the database: the API runs as a role that PostgreSQL itself stops from changing history. Every
/// other test proves the API works as that role; these prove what the role cannot do, with a raw connection of its own
/// (what a bug or a stolen application password would have), after the API has recorded events through HTTP.
/// </summary>
public sealed class AppendOnlyRoleTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Schema = MonitoringStore.DefaultSchema;

    /// <summary>Statements that would rewrite or erase recorded events, or switch off what guards them (@stream: a stream key).</summary>
    public static TheoryData<string> Rewrites => new()
    {
        $"update {Schema}.mt_events set data = '{{}}'::jsonb where stream_id = @stream",
        $"update {Schema}.mt_events set timestamp = timestamp - interval '1 year'",
        $"delete from {Schema}.mt_events where stream_id = @stream",
        $"truncate {Schema}.mt_events",
        $"truncate {Schema}.mt_events cascade",
        $"select {Schema}.mt_archive_stream(@stream)",
        $"alter table {Schema}.mt_events disable trigger all",
        $"drop table {Schema}.mt_events cascade",
    };

    /// <summary>Registers a body through the API; its stream key.</summary>
    private async Task<string> RecordedThroughTheApiAsync()
    {
        var code = $"AO{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(code)));
        (await admin.Post($"/api/catalogue/bodies/{code}/rename", new { nameRu = "Другое имя", effectiveFrom = "2018-01-01", reason = "Указ" }))
            .EnsureSuccessStatusCode();
        return $"body:{code}";
    }

    /// <summary>Every recorded event, as the owner reads it: count and a digest of every column that matters.</summary>
    private async Task<(long Count, string Digest)> HistoryAsync()
    {
        await using var conn = new NpgsqlConnection(fixture.OwnerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            select count(*), coalesce(md5(string_agg(concat_ws('|', seq_id, stream_id, version, type, data::text, timestamp, is_archived), ',' order by seq_id)), '')
            from {Schema}.mt_events
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task The_application_role_is_refused_by_PostgreSQL_and_history_is_unchanged(string sql)
    {
        var stream = await RecordedThroughTheApiAsync();
        var before = await HistoryAsync();
        before.Count.ShouldBeGreaterThan(0);

        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (sql.Contains("@stream")) cmd.Parameters.AddWithValue("stream", stream);
        var refusal = await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refusal.MessageText);

        (await HistoryAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_application_role_may_read_and_append_to_history_and_nothing_more()
    {
        await RecordedThroughTheApiAsync();
        await using var conn = new NpgsqlConnection(fixture.OwnerConnectionString);
        await conn.OpenAsync();
        async Task<bool> May(string table, string privilege)
        {
            await using var cmd = new NpgsqlCommand("select has_table_privilege(@role, @table, @privilege)", conn);
            cmd.Parameters.AddWithValue("role", TestDatabaseServer.AppRole);
            cmd.Parameters.AddWithValue("table", $"{Schema}.{table}");
            cmd.Parameters.AddWithValue("privilege", privilege);
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }
        async Task<bool> Exists(string table)
        {
            await using var cmd = new NpgsqlCommand("select to_regclass(@table) is not null", conn);
            cmd.Parameters.AddWithValue("table", $"{Schema}.{table}");
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }

        MonitoringStore.AppendOnlyTables.ShouldContain("mt_events");
        foreach (var table in MonitoringStore.AppendOnlyTables)
        {
            if (!await Exists(table)) continue;
            foreach (var privilege in new[] { "SELECT", "INSERT" })
                (await May(table, privilege)).ShouldBeTrue($"{table}: {privilege}");
            foreach (var privilege in new[] { "UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES" })
                (await May(table, privilege)).ShouldBeFalse($"{table}: {privilege}");
        }
        // Streams and read models are state, not history: the application keeps them up to date.
        foreach (var privilege in new[] { "SELECT", "INSERT", "UPDATE", "DELETE" })
        {
            (await May("mt_streams", privilege)).ShouldBeTrue($"mt_streams: {privilege}");
            (await May("mt_doc_cataloguebody", privilege)).ShouldBeTrue($"mt_doc_cataloguebody: {privilege}");
        }
    }

    [Fact]
    public async Task The_api_runs_as_the_application_role_and_the_owner_still_reads_everything()
    {
        var stream = await RecordedThroughTheApiAsync();

        await using var owner = new NpgsqlConnection(fixture.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var events = new NpgsqlCommand($"select count(*) from {Schema}.mt_events where stream_id = @stream", owner))
        {
            events.Parameters.AddWithValue("stream", stream);
            ((long)(await events.ExecuteScalarAsync())!).ShouldBe(2);
        }
        // Every session the API holds on its database (Marten, Wolverine's agents, Hangfire, the read models) is the
        // application role's: the owner's connections were closed once the schema was prepared.
        await using (var sessions = new NpgsqlCommand("""
            select distinct usename::text from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            """, owner))
        {
            var users = new List<string>();
            await using var reader = await sessions.ExecuteReaderAsync();
            while (await reader.ReadAsync()) users.Add(reader.GetString(0));
            users.ShouldBe([TestDatabaseServer.AppRole]);
        }

        await using var app = new NpgsqlConnection(fixture.ConnectionString);
        await app.OpenAsync();
        await using var me = new NpgsqlCommand($"select current_user::text, (select count(*) from {Schema}.mt_events where stream_id = @stream)", app);
        me.Parameters.AddWithValue("stream", stream);
        await using var row = await me.ExecuteReaderAsync();
        await row.ReadAsync();
        row.GetString(0).ShouldBe(TestDatabaseServer.AppRole);
        row.GetInt64(1).ShouldBe(2);
    }
}

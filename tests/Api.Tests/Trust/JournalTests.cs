using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Monitoring.Api.Tests.Trust;

/// <summary>
/// The verifiable journal, tried as an insider with database access: each change made directly in PostgreSQL is found
/// and located by verification (the API and the command line), an untouched store verifies intact, and a published
/// revision's evidence checks against its signed digest with a verifier written here, not the production code.
/// Every tampering is undone before the next test (the tests of a class run one after another).
/// </summary>
public sealed class JournalTests(DemoApiFixture fixture) : IClassFixture<DemoApiFixture>
{
    private const string Violation226 = "inspection:DEMO-KAR-2017";

    private async Task<long> SealedAsync()
    {
        // The demo data is loaded and published at start; the sealer then fixes every event into the tree.
        var auditor = fixture.Client("auditor");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await ScalarAsync<long>("select count(*) from monitoring.mt_events where type = 'assessment_published'") == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the demo data was not published");
            await Task.Delay(250);
        }
        while (true)
        {
            var max = await ScalarAsync<long>("select max(seq_id) from monitoring.mt_events");
            var state = (await ApiFixture.ReadJson(await auditor.GetAsync("/api/journal"))).GetProperty("state");
            if (state.GetProperty("sealedThroughSequence").GetInt64() == max && state.GetProperty("unsealed").GetInt64() == 0) return max;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the journal did not seal through {max}: {state}");
            await Task.Delay(200);
        }
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(fixture.OwnerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs SQL as the database owner (an insider), bypassing the application.</summary>
    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(fixture.OwnerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> SeqOfAsync(string stream, long version) =>
        await ScalarAsync<long>($"select seq_id from monitoring.mt_events where stream_id = '{stream}' and version = {version}");

    private async Task<JsonElement> VerifyByApiAsync()
    {
        var response = await fixture.Client("auditor").GetAsync("/api/journal/verify");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(response);
    }

    private async Task<(int ExitCode, JsonElement Report)> VerifyByCliAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Monitoring.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Monitoring.sln");
        var dll = new[] { "Release", "Debug" }.Select(c => Path.Combine(root, "tools", "Monitoring.Cli", "bin", c, "net10.0", "monitoring.dll"))
            .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        dll.ShouldNotBeNull("the command line tool is built with the solution");
        var pem = Path.GetTempFileName();
        await File.WriteAllTextAsync(pem, fixture.JournalPublicKeyPem);
        try
        {
            var info = new ProcessStartInfo("dotnet", [dll, "verify", "--json", "--public-key", pem, "--connection", fixture.ConnectionString])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.Environment.Remove("Journal__SigningKey");
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            var text = await stdout;
            text.ShouldStartWith("{", customMessage: await stderr);
            return (process.ExitCode, JsonDocument.Parse(text).RootElement);
        }
        finally { File.Delete(pem); }
    }

    private static void ShouldBeIntact(JsonElement report, long through)
    {
        report.GetProperty("status").GetString().ShouldBe("intact", report.ToString());
        report.GetProperty("problemCount").GetInt32().ShouldBe(0);
        report.GetProperty("intactThroughSequence").GetInt64().ShouldBe(through);
        var digest = report.GetProperty("latestDigest");
        digest.GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
        digest.GetProperty("rootMatches").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_untouched_store_verifies_intact_through_the_api_and_the_command_line()
    {
        var max = await SealedAsync();
        var api = await VerifyByApiAsync();
        ShouldBeIntact(api, max);
        api.GetProperty("eventsChecked").GetInt64().ShouldBe(await ScalarAsync<long>("select count(*) from monitoring.mt_events"));
        api.GetProperty("summary").GetString().ShouldStartWith($"intact up to sequence {max}, digest ");

        var (exit, cli) = await VerifyByCliAsync();
        exit.ShouldBe(0);
        ShouldBeIntact(cli, max);
    }

    public static TheoryData<string> Tamperings => new()
    {
        "data", "metadata", "deleted", "swapped", "inserted-unjournalled", "inserted-into-sealed-history", "revision-final", "journal-rewritten",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Each_change_made_directly_in_PostgreSQL_is_detected_and_located(string tampering)
    {
        await SealedAsync();
        var violation = await SeqOfAsync(Violation226, 2);
        var revision = await ScalarAsync<long>("select seq_id from monitoring.mt_events where type = 'assessment_published' order by seq_id limit 1");
        var (doSql, undoSql, expectedSeq, expectedKind, detail) = tampering switch
        {
            // The issue's example: a violation count 226 → 126 inside the stored event.
            "data" => ($"""
                update monitoring.mt_events set data = jsonb_set(jsonb_set(data, '{"{count}"}', '126'), '{"{counted}"}', '126') where seq_id = {violation}
                """,
                $"""update monitoring.mt_events set data = jsonb_set(jsonb_set(data, '{"{count}"}', '226'), '{"{counted}"}', '226') where seq_id = {violation}""",
                violation, "DataChanged", "violation_recorded"),
            "metadata" => ($"create table monitoring.tamper_backup as select * from monitoring.mt_events where seq_id = {violation}; " +
                           $"update monitoring.mt_events set user_name = 'someone else' where seq_id = {violation}",
                $"update monitoring.mt_events e set user_name = b.user_name from monitoring.tamper_backup b where e.seq_id = b.seq_id; drop table monitoring.tamper_backup",
                violation, "MetadataChanged", "now \"someone else\""),
            "deleted" => ($"create table monitoring.tamper_backup as select * from monitoring.mt_events where seq_id = {violation}; " +
                          $"delete from monitoring.mt_events where seq_id = {violation}",
                "set session_replication_role = replica; insert into monitoring.mt_events select * from monitoring.tamper_backup; " +
                "set session_replication_role = origin; drop table monitoring.tamper_backup",
                violation, "Missing", "violation_recorded"),
            // Two neighbouring events exchange their places in the global order.
            "swapped" => ($"update monitoring.mt_events set seq_id = -seq_id where seq_id in ({violation}, {violation + 1}); " +
                          $"update monitoring.mt_events set seq_id = {violation + 1} where seq_id = -{violation}; " +
                          $"update monitoring.mt_events set seq_id = {violation} where seq_id = -{violation + 1}",
                $"update monitoring.mt_events set seq_id = -seq_id where seq_id in ({violation}, {violation + 1}); " +
                $"update monitoring.mt_events set seq_id = {violation + 1} where seq_id = -{violation}; " +
                $"update monitoring.mt_events set seq_id = {violation} where seq_id = -{violation + 1}",
                violation, "Reordered", $"appended at sequence {violation + 1}"),
            // A new event written with the journal's trigger switched off.
            "inserted-unjournalled" => ("set session_replication_role = replica; " +
                    "insert into monitoring.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived) " +
                    $"select 10000000, gen_random_uuid(), stream_id, 1000, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, false from monitoring.mt_events where seq_id = {violation}; " +
                    "set session_replication_role = origin",
                "delete from monitoring.mt_events where seq_id = 10000000",
                10_000_000L, "Inserted", "never journalled"),
            // A new event slipped in below history already sealed, with the trigger on (it writes a leaf, too late).
            "inserted-into-sealed-history" => (
                "insert into monitoring.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived) " +
                $"select 0, gen_random_uuid(), stream_id, 1000, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, false from monitoring.mt_events where seq_id = {violation}",
                "delete from monitoring.mt_events where seq_id = 0; delete from monitoring.journal_leaves where seq_id = 0",
                0L, "Inserted", "after later events were sealed"),
            // The frozen final score of revision 1, inside its own event.
            "revision-final" => ($"update monitoring.mt_events set data = jsonb_set(data, '{"{scorecard,final}"}', '55.5') where seq_id = {revision}",
                $"update monitoring.mt_events set data = jsonb_set(data, '{"{scorecard,final}"}', '40.95') where seq_id = {revision}",
                revision, "DataChanged", "assessment_published"),
            // The thorough insider: the event, its leaf, the sealed tree and the whole chain after it rewritten to agree.
            // Only the signed digest, whose key is not in the database, still remembers.
            "journal-rewritten" => ("", "", violation, "DigestMismatch", "was rewritten"),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };

        if (tampering == "journal-rewritten") (doSql, undoSql) = await RewriteJournalAsync(violation);
        await SqlAsync(doSql);
        try
        {
            var api = await VerifyByApiAsync();
            ShouldLocate(api, expectedSeq, expectedKind, detail);
            var (exit, cli) = await VerifyByCliAsync();
            exit.ShouldBe(1);
            ShouldLocate(cli, expectedSeq, expectedKind, detail);

            if (tampering == "data")
            {
                // The explanation computed from the changed event says it cannot be relied on.
                var explained = await ApiFixture.ReadJson(await fixture.Client("auditor").GetAsync("/api/assessments/DEMO-KAR/2017/explain?figure=final"));
                var integrity = explained.GetProperty("integrity");
                integrity.GetProperty("verified").GetBoolean().ShouldBeFalse();
                integrity.GetProperty("warning").GetString()!.ShouldContain("Do not rely on these figures");
                integrity.GetProperty("problems")[0].GetProperty("sequence").GetInt64().ShouldBe(violation);
            }
        }
        finally
        {
            await SqlAsync(undoSql);
        }
        ShouldBeIntact(await VerifyByApiAsync(), await ScalarAsync<long>("select max(seq_id) from monitoring.mt_events"));
    }

    private static void ShouldLocate(JsonElement report, long sequence, string kind, string detail)
    {
        report.GetProperty("status").GetString().ShouldBe("tampered", report.ToString());
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        // A digest that no longer checks locates the change up to the history it covers (at or after the changed event).
        problems.ShouldContain(p => (kind == "DigestMismatch" ? p.GetProperty("sequence").GetInt64() >= sequence : p.GetProperty("sequence").GetInt64() == sequence)
                                    && p.GetProperty("kind").GetString() == kind
                                    && p.GetProperty("detail").GetString()!.Contains(detail), report.ToString());
        var first = report.GetProperty("firstProblem");
        if (kind != "DigestMismatch")
        {
            first.GetProperty("sequence").GetInt64().ShouldBe(sequence, report.ToString());
            report.GetProperty("intactThroughSequence").GetInt64().ShouldBe(sequence - 1);
        }
    }

    /// <summary>Changes the event and recomputes, as the insider would, its leaf, its sealed leaf and every chain link after it.</summary>
    private async Task<(string Do, string Undo)> RewriteJournalAsync(long seq)
    {
        await SqlAsync($"""
            create table monitoring.tamper_events as select * from monitoring.mt_events where seq_id = {seq};
            create table monitoring.tamper_leaves as select * from monitoring.journal_leaves where seq_id = {seq};
            create table monitoring.tamper_tree as select * from monitoring.journal_tree;
            """);
        const string rewrite = """
            update monitoring.mt_events set data = jsonb_set(data, '{count}', '126') where seq_id = {0};
            update monitoring.journal_leaves l set data_hash = sha256(convert_to(e.data::text, 'UTF8')) from monitoring.mt_events e where e.seq_id = l.seq_id and l.seq_id = {0};
            update monitoring.journal_leaves l set leaf = sha256('\x00'::bytea || convert_to('mj1' || E'\n'
                    || monitoring.mt_journal_field(e.seq_id::text) || monitoring.mt_journal_field(e.id::text) || monitoring.mt_journal_field(e.stream_id)
                    || monitoring.mt_journal_field(e.version::text) || monitoring.mt_journal_field(e.type)
                    || monitoring.mt_journal_field(((extract(epoch from e.timestamp) * 1000000)::bigint)::text), 'UTF8') || l.data_hash || l.meta_hash)
                from monitoring.mt_events e where e.seq_id = l.seq_id and l.seq_id = {0};
            update monitoring.journal_tree t set leaf = l.leaf from monitoring.journal_leaves l where l.seq_id = t.seq_id and t.seq_id = {0};
            do $$
            declare r record; prev bytea;
            begin
                for r in select idx, leaf from monitoring.journal_tree order by idx loop
                    prev := sha256(coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) || r.leaf);
                    update monitoring.journal_tree set chain = prev where idx = r.idx;
                end loop;
            end $$;
            """;
        var undo = $"""
            delete from monitoring.mt_events where seq_id = {seq};
            set session_replication_role = replica;
            insert into monitoring.mt_events select * from monitoring.tamper_events;
            set session_replication_role = origin;
            delete from monitoring.journal_leaves where seq_id = {seq};
            insert into monitoring.journal_leaves select * from monitoring.tamper_leaves;
            update monitoring.journal_tree t set leaf = b.leaf, chain = b.chain from monitoring.tamper_tree b where b.idx = t.idx;
            drop table monitoring.tamper_events; drop table monitoring.tamper_leaves; drop table monitoring.tamper_tree;
            """;
        return (rewrite.Replace("{0}", seq.ToString()), undo);
    }

    [Fact]
    public async Task A_published_revision_proves_its_evidence_against_its_digest_to_an_independent_verifier()
    {
        await SealedAsync();
        var client = fixture.Client("analyst");
        var response = await client.GetAsync("/api/assessments/DEMO-KAR/2017/revisions/1/proof");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var proof = await ApiFixture.ReadJson(response);
        var proofs = proof.GetProperty("proofs");
        var digest = proofs.GetProperty("digest");
        var root = Convert.FromHexString(digest.GetProperty("root").GetString()!);
        var size = digest.GetProperty("treeSize").GetInt64();

        // The digest frozen in the revision is the stored one, and its signature checks with the published key.
        proof.GetProperty("frozenDigest").GetProperty("root").GetString().ShouldBe(digest.GetProperty("root").GetString());
        using (var key = ECDsa.Create())
        {
            key.ImportFromPem(proofs.GetProperty("publicKey").GetString());
            key.VerifyData(Encoding.UTF8.GetBytes(proofs.GetProperty("signedText").GetString()!), Convert.FromBase64String(digest.GetProperty("signature").GetString()!),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
            proofs.GetProperty("signedText").GetString().ShouldContain($"root: {digest.GetProperty("root").GetString()}\n");
        }

        var events = proofs.GetProperty("events").EnumerateArray().ToList();
        events.Count.ShouldBeGreaterThan(5);
        proofs.GetProperty("notInDigest").GetArrayLength().ShouldBe(0);
        foreach (var e in events) IndependentVerifier.Proves(e, size, root).ShouldBeTrue($"event {e.GetProperty("sequence")}");
        // The inspection's 226 is among the evidence the figures rest on.
        events.ShouldContain(e => e.GetProperty("stream").GetString() == Violation226 && e.GetProperty("data").GetString()!.Contains("\"count\": 226"));

        // Changed in the database, the same event no longer proves against the digest the outside party holds.
        var violation = await SeqOfAsync(Violation226, 2);
        await SqlAsync($"update monitoring.mt_events set data = jsonb_set(data, '{{count}}', '126') where seq_id = {violation}");
        try
        {
            var again = await ApiFixture.ReadJson(await client.GetAsync("/api/assessments/DEMO-KAR/2017/revisions/1/proof"));
            var changed = again.GetProperty("proofs").GetProperty("events").EnumerateArray().Single(e => e.GetProperty("sequence").GetInt64() == violation);
            IndependentVerifier.Proves(changed, size, root).ShouldBeFalse();
        }
        finally
        {
            await SqlAsync($"update monitoring.mt_events set data = jsonb_set(data, '{{count}}', '226') where seq_id = {violation}");
        }

        // The conclusion document prints the digest.
        var conclusion = await (await client.GetAsync("/api/assessments/DEMO-KAR/2017/revisions/1/conclusion")).Content.ReadAsStringAsync();
        conclusion.ShouldContain(digest.GetProperty("root").GetString()!);
    }

    [Fact]
    public async Task A_later_digest_is_proven_consistent_with_an_earlier_one()
    {
        await SealedAsync();
        var auditor = fixture.Client("auditor");
        var first = await ApiFixture.ReadJson(await auditor.PostAsync("/api/journal/digests", ApiFixture.JsonBody(new { reason = "before" })));
        var admin = new CatalogueApi(fixture.Client("admin"));
        await admin.Created(admin.RegisterBody(CatalogueApi.Body($"J{Guid.NewGuid():N}"[..10].ToUpperInvariant())));
        await SealedAsync();
        var created = await auditor.PostAsync("/api/journal/digests", ApiFixture.JsonBody(new { reason = "after" }));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await ApiFixture.ReadJson(created);
        second.GetProperty("treeSize").GetInt64().ShouldBeGreaterThan(first.GetProperty("treeSize").GetInt64());

        var consistency = await ApiFixture.ReadJson(await auditor.GetAsync(
            $"/api/journal/consistency?from={first.GetProperty("id").GetInt64()}&to={second.GetProperty("id").GetInt64()}"));
        consistency.GetProperty("verified").GetBoolean().ShouldBeTrue(consistency.ToString());
        consistency.GetProperty("proof").GetArrayLength().ShouldBeGreaterThan(0);

        // The periodic job signs the next digest (what Hangfire runs every hour).
        using (var scope = fixture.Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Monitoring.Application.Journal.JournalDigestJob>().RunAsync(CancellationToken.None);
        var digests = (await ApiFixture.ReadJson(await auditor.GetAsync("/api/journal/digests"))).EnumerateArray().ToList();
        digests[^1].GetProperty("reason").GetString().ShouldBe("periodic");
        digests[^1].GetProperty("id").GetInt64().ShouldBe(second.GetProperty("id").GetInt64() + 1);

        // Anyone may fetch the public key; only auditors may sign or read digests.
        var key = await fixture.Client(null).GetAsync("/api/journal/key");
        (await key.Content.ReadAsStringAsync()).ShouldStartWith("-----BEGIN PUBLIC KEY-----");
        (await fixture.Client("inspector").PostAsync("/api/journal/digests", ApiFixture.JsonBody(new { }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client("analyst").GetAsync("/api/journal/verify")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_leaf_that_commits_after_the_sealer_passed_its_sequence_is_sealed_late_and_the_journal_stays_intact()
    {
        await SealedAsync();
        // Events appended while their leaves are held back (the trigger off) look to the sealer like transactions still
        // in flight when Marten's high-water mark moved past them: it records their sequences as gaps.
        await SqlAsync("alter table monitoring.mt_events disable trigger mt_journal_leaf");
        long first;
        try
        {
            first = await ScalarAsync<long>("select max(seq_id) from monitoring.mt_events") + 1;
            var admin = new CatalogueApi(fixture.Client("admin"));
            await admin.Created(admin.RegisterBody(CatalogueApi.Body($"G{Guid.NewGuid():N}"[..10].ToUpperInvariant())));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await ScalarAsync<long>($"select count(*) from monitoring.journal_gaps where seq_id >= {first}") == 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the sealer did not pass the new events");
                await Task.Delay(200);
            }
        }
        finally
        {
            await SqlAsync("alter table monitoring.mt_events enable trigger mt_journal_leaf");
        }
        // Their leaves arrive late (as the trigger would have written them), and another event comes after them.
        await SqlAsync($"""
            insert into monitoring.journal_leaves (seq_id, event_id, stream_id, version, type, recorded_micros, user_name, correlation_id, causation_id,
                                                   data_hash, meta_hash, leaf)
            select e.seq_id, e.id, e.stream_id, e.version, e.type, h.micros, e.user_name, e.correlation_id, e.causation_id, h.data_hash, h.meta_hash, h.leaf
            from monitoring.mt_events e cross join lateral monitoring.mt_journal_hashes(e) h where e.seq_id >= {first}
            """);
        var max = await SealedAsync();
        (await ScalarAsync<long>($"select count(*) from monitoring.journal_tree where seq_id >= {first}"))
            .ShouldBe(await ScalarAsync<long>($"select count(*) from monitoring.mt_events where seq_id >= {first}"));
        ShouldBeIntact(await VerifyByApiAsync(), max);
    }

    /// <summary>
    /// An outside party's check, written from the published encoding and RFC 9162's definition of the audit path (not the
    /// production code): recompute the leaf from the event as given, then the root from the path, recursively.
    /// </summary>
    private static class IndependentVerifier
    {
        public static bool Proves(JsonElement e, long treeSize, byte[] root)
        {
            static string F(string? x) => x is null ? "-\n" : $"{Encoding.UTF8.GetByteCount(x)}:{x}\n";
            static string? S(JsonElement o, string name) => o.GetProperty(name).ValueKind == JsonValueKind.Null ? null : o.GetProperty(name).ToString();
            var m = e.GetProperty("metadata");
            var dataHash = SHA256.HashData(Encoding.UTF8.GetBytes(e.GetProperty("data").GetString()!));
            var metaHash = SHA256.HashData(Encoding.UTF8.GetBytes("mm1\n" + F(S(m, "tenant")) + F(S(m, "userName")) + F(S(m, "correlationId")) +
                                                                  F(S(m, "causationId")) + F(S(m, "headers")) + F(S(m, "dotNetType")) + F(S(m, "binaryDataHex"))));
            var header = "mj1\n" + F(S(e, "sequence")) + F(S(e, "eventId")) + F(S(e, "stream")) + F(S(e, "version")) + F(S(e, "type")) + F(S(e, "recordedMicros"));
            var leaf = SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(header), .. dataHash, .. metaHash]);
            var path = e.GetProperty("auditPath").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList();
            var computed = RootFrom(e.GetProperty("leafIndex").GetInt64(), treeSize, leaf, path);
            return computed is not null && computed.SequenceEqual(root);
        }

        /// <summary>PATH(m, D[n]) read backwards: the last element is the sibling subtree at the top split.</summary>
        private static byte[]? RootFrom(long m, long n, byte[] leaf, List<byte[]> path)
        {
            if (n == 1) return path.Count == 0 ? leaf : null;
            if (path.Count == 0) return null;
            long k = 1;
            while (k * 2 < n) k *= 2;
            var sibling = path[^1];
            var rest = path[..^1];
            if (m < k) return RootFrom(m, k, leaf, rest) is { } left ? Node(left, sibling) : null;
            return RootFrom(m - k, n - k, leaf, rest) is { } right ? Node(sibling, right) : null;
        }

        private static byte[] Node(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);
    }
}

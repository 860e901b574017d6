using System.Net;
using System.Text;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Application.Surveys.Import;
using Npgsql;

namespace Monitoring.Api.Tests.Trust;

/// <summary>Fault tests restart the shared test server: they run alone, after every parallel test class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

/// <summary>
/// A failure of the database itself in the middle of an import: PostgreSQL is restarted (fast shutdown) after a few
/// batches — with the test script's own server, <c>MONITORING_TEST_DB_RESTART</c>; on a server the tests do not own,
/// every session of the test database is terminated instead, which is what a restart does to the connections.
/// Whole batches only stay; sending the same file again completes exactly the rest: 0 lost, 0 duplicated.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseFaultTests(ApiFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public async Task An_import_cut_by_a_database_restart_resumes_with_nothing_lost_and_nothing_counted_twice()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        var analyst = fixture.Client("analyst");
        await admin.Created(admin.RegisterBody(CatalogueApi.Body($"DF{id}")));
        await admin.Created(admin.RegisterService(new { code = $"DS{id}", nameRu = "Услуга", passport = CatalogueApi.Passport($"DF{id}", channels: ["Body"]) }));
        var campaign = $"DC{id}";
        (await analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна", period = 2019, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByTopBoxShare",
            methodology = "KZ-2018", criteria = Array.Empty<string>(), services = new[] { $"DS{id}" },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        const int rows = 20_000;
        var csv = new StringBuilder("response_id,service,region,channels,overall\n");
        for (var i = 1; i <= rows; i++) csv.Append($"f-{i},DS{id},KZ-KAR,Body,{1 + i % 5}\n");
        var content = Encoding.UTF8.GetBytes(csv.ToString());
        var importer = fixture.Host.Services.GetRequiredService<SurveyResponseImporter>();
        var options = new ImportOptions(BatchSize: 100, Parallelism: 2);

        var cut = 0;
        var failure = await Should.ThrowAsync<Exception>(() => importer.ImportAsync(campaign, content, ImportFormat.Csv, "test", null, options,
            new SyncProgress(p =>
            {
                if (p.BatchesDone < 5 || Interlocked.Exchange(ref cut, 1) == 1) return;
                if (Environment.GetEnvironmentVariable("MONITORING_TEST_DB_RESTART") is { Length: > 0 } restart)
                {
                    output.WriteLine($"restarting PostgreSQL after {p.BatchesDone} batches: {restart}");
                    using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", restart])
                        { RedirectStandardError = true })!;
                    process.WaitForExit(90_000).ShouldBeTrue("the restart did not finish");
                    process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
                    return;
                }
                output.WriteLine($"terminating the database's sessions after {p.BatchesDone} batches");
                // From outside the application, as the server's administrator would: end every session of this database.
                using var dba = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.OwnerConnectionString) { Pooling = false }.ConnectionString);
                dba.Open();
                using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()", dba);
                kill.ExecuteScalar();
            }), CancellationToken.None));
        failure.ShouldNotBeOfType<ShouldAssertException>();
        cut.ShouldBe(1);

        // The pool hands out connections the server closed: clear it, as a restarted service would start afresh.
        NpgsqlConnection.ClearAllPools();
        var partial = await AfterTheFault(() => Recorded(campaign));
        output.WriteLine($"{partial} answers were recorded before the fault");
        partial.ShouldBeLessThan(rows);
        (partial % 100).ShouldBe(0, "only whole batches are committed");

        ImportReport resumed = null!;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                resumed = await importer.ImportAsync(campaign, content, ImportFormat.Csv, "test", null, options, null, CancellationToken.None);
                break;
            }
            catch (Exception e) when (attempt < 9 && e is NpgsqlException or InvalidOperationException || e.InnerException is NpgsqlException)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(200);
            }
        }
        (resumed.Imported + resumed.AlreadyImported).ShouldBe(rows);
        resumed.AlreadyImported.ShouldBeGreaterThan(0);

        (await AfterTheFault(() => Recorded(campaign))).ShouldBe(rows);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var ratings = await analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        if (ratings.StatusCode != HttpStatusCode.OK) // a read-model connection the server closed is retried once, like any client would
            ratings = await analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        ratings.StatusCode.ShouldBe(HttpStatusCode.OK, await ratings.Content.ReadAsStringAsync());
        var total = (await ApiFixture.ReadJson(ratings)).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(rows);
    }

    private async Task<int> Recorded(string campaign)
    {
        await using var query = fixture.Store.QuerySession();
        return (await query.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {query.DocumentStore.Options.DatabaseSchemaName}.{Monitoring.Projections.Surveys.ResponseIds.Table} where campaign = ?",
            CancellationToken.None, campaign)).Single() is var n ? (int)n : 0;
    }

    /// <summary>Pooled connections the restart closed fail once each: a read right after the fault is tried again.</summary>
    private static async Task<T> AfterTheFault<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception) when (attempt < 10)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(300);
            }
        }
    }
}

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

/// <summary>
/// A failure of the database itself in the middle of an import: the server terminates every session of the database
/// (what a restart does to the connections) after a few batches. Whole batches only stay; sending the same file again
/// completes exactly the rest: 0 lost, 0 duplicated.
/// </summary>
public sealed class DatabaseFaultTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public async Task An_import_cut_by_the_database_resumes_with_nothing_lost_and_nothing_counted_twice()
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

        const int rows = 3_000;
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
                // From outside the application, as the server's administrator would: end every session of this database.
                using var dba = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Pooling = false }.ConnectionString);
                dba.Open();
                using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()", dba);
                kill.ExecuteScalar();
            }), CancellationToken.None));
        failure.ShouldNotBeOfType<ShouldAssertException>();
        cut.ShouldBe(1);

        // The pool hands out connections the server closed: clear it, as a restarted service would start afresh.
        NpgsqlConnection.ClearAllPools();
        await using (var query = fixture.Store.QuerySession())
        {
            var partial = await query.Query<Monitoring.Projections.Surveys.RecordedResponse>().Where(r => r.CampaignCode == campaign).CountAsync();
            partial.ShouldBeLessThan(rows);
            (partial % 100).ShouldBe(0, "only whole batches are committed");
        }

        ImportReport resumed = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                resumed = await importer.ImportAsync(campaign, content, ImportFormat.Csv, "test", null, options, null, CancellationToken.None);
                break;
            }
            catch (NpgsqlException) when (attempt < 4)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(200);
            }
        }
        (resumed.Imported + resumed.AlreadyImported).ShouldBe(rows);
        resumed.AlreadyImported.ShouldBeGreaterThan(0);

        await using (var query = fixture.Store.QuerySession())
            (await query.Query<Monitoring.Projections.Surveys.RecordedResponse>().Where(r => r.CampaignCode == campaign).CountAsync()).ShouldBe(rows);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var ratings = await analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        if (ratings.StatusCode != HttpStatusCode.OK) // a read-model connection the server closed is retried once, like any client would
            ratings = await analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        ratings.StatusCode.ShouldBe(HttpStatusCode.OK, await ratings.Content.ReadAsStringAsync());
        var total = (await ApiFixture.ReadJson(ratings)).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(rows);
    }
}

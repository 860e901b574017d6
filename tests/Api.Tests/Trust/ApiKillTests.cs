using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Trust;

/// <summary>
/// The API process killed (SIGKILL, no shutdown) while the asynchronous survey projection is catching up on a backlog of
/// single answers, then started again on the same database: the read models end with every answer exactly once — 0 lost,
/// 0 counted twice — because applied event sequences are recorded with the facts they produced. (An import writes its
/// own read models in its transactions, so it leaves the projection nothing to catch up on.)
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ApiKillTests(ApiProcessFixture processes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiProcessFixture>
{
    private const int Rows = 40_000;

    /// <summary>Starts the real API process (the same build the tests reference) and waits until it answers.</summary>
    private async Task<(ApiProcess Process, HttpClient Client)> StartAsync()
    {
        var process = await processes.StartAsync(TimeSpan.FromSeconds(60));
        return (process, processes.Admin(process, "killer"));
    }

    [Fact]
    public async Task The_api_killed_during_projection_catch_up_ends_with_every_answer_once()
    {
        var (process, api) = await StartAsync();
        var campaign = await SurveyLoad.PrepareCampaignAsync(api, "KILL", ["KILL-S"]);
        var backlog = SurveyLoad.AppendAnswersAsync(processes.Database, campaign, "KILL", "k", Rows, ["KILL-S"]);

        // Killed as soon as the projection has begun to catch up (its first facts are in), with no shutdown at all.
        for (var i = 0; i < 1_500 && await SurveyLoad.FactsAsync(processes.Database) == 0; i++) await Task.Delay(20);
        await process.KillAsync();
        await backlog;
        var factsAtKill = await SurveyLoad.FactsAsync(processes.Database);
        output.WriteLine($"survey facts when the API was killed: {factsAtKill:N0} of {Rows:N0}");
        factsAtKill.ShouldBeGreaterThan(0, "the projection had not started");
        factsAtKill.ShouldBeLessThan(Rows, "the projection had already caught up: nothing was interrupted");

        var (_, again) = await StartAsync();
        long rated = 0;
        for (var i = 0; i < 1_200 && rated != Rows; i++)
        {
            rated = await SurveyLoad.RatedAsync(again, campaign);
            rated.ShouldBeLessThanOrEqualTo(Rows, "an answer was counted twice");
            if (rated != Rows) await Task.Delay(100);
        }
        rated.ShouldBe(Rows);
        await Task.Delay(2_000);
        (await SurveyLoad.RatedAsync(again, campaign)).ShouldBe(Rows);
        (await SurveyLoad.FactsAsync(processes.Database)).ShouldBe(Rows);
    }
}

using System.Net;
using System.Text.Json;
using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Surveys;

/// <summary>
/// An administrator imports a small file of answers into a campaign of the test's own (opened through the API): the
/// progress reaches 100 % and the rows are counted; a file with bad rows is refused whole, each bad row listed.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportsPageTests(WebAppFixture app)
{
    private async Task<string> OpenCampaignAsync()
    {
        var code = $"WEB-IMP-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        using var analyst = await app.ApiAsync("analyst");
        var opened = await analyst.PostAsync("/api/surveys/campaigns", new StringContent(JsonSerializer.Serialize(new
        {
            code, title = "Проверка импорта", period = 2093, kind = "OnlineSurvey", scale = 5, rankingRule = "ByMeanThenTopBox",
            methodology = "KZ-2018", smallSampleThreshold = 2, criteria = new[] { "Trust" }, services = new[] { "PM-001" },
        }), Encoding.UTF8, "application/json"));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return code;
    }

    private static async Task UploadAsync(IPage page, string campaign, string name, string csv)
    {
        await page.GotoAsync($"/surveys/imports?campaign={campaign}");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("run="));
    }

    [Fact]
    public async Task An_admin_imports_answers_and_sees_the_progress_reach_100_percent_and_a_bad_file_its_row_errors()
    {
        var campaign = await OpenCampaignAsync();
        var page = await app.SignInAsync("admin");

        await UploadAsync(page, campaign, "answers.csv", """
            response_id,service,region,channels,overall,trust
            w1,PM-001,KZ-KAR,Body,5,4
            w2,PM-001,KZ-KAR,StateCorporation,4,4
            w3,PM-001,KZ-AST,Body,3,hard
            """);
        // The status is polled while the import runs; it stops once the import has finished.
        var done = page.Locator("[data-testid=import-done]");
        await done.WaitForAsync(new() { Timeout = 60_000 });
        (await page.Locator("[data-testid=import-progress]").GetAttributeAsync("value")).ShouldBe("100");
        (await page.Locator("[data-testid=import-percent]").InnerTextAsync()).ShouldBe("100 %");
        (await page.Locator("[data-testid=import-rows]").InnerTextAsync()).ShouldBe("3");
        (await page.Locator("[data-testid=import-imported]").InnerTextAsync()).ShouldBe("3");
        (await page.Locator("[data-testid=import-rejected]").InnerTextAsync()).ShouldBe("0");
        (await page.Locator("#import-status").GetAttributeAsync("hx-trigger")).ShouldBeNull();
        await WebAppFixture.ScreenshotAsync(page, "surveys-import");

        // The answers reach the campaign's ratings (the survey facts follow asynchronously): one of three fully satisfied.
        await page.ClickAsync("[data-testid=import-done] a");
        await WebAppFixture.ReloadUntilAsync(page, "[data-testid=summary]", "33,3 %");

        // A file with bad rows: nothing imported, each bad row with its line, field and reason.
        await UploadAsync(page, campaign, "bad.csv", """
            response_id,service,region,channels,overall,trust
            b1,PM-001,KZ-KAR,Body,5,4
            b2,PM-001,KZ-KAR,Body,7,4
            b3,NOPE,KZ-KAR,Body,4,4
            """);
        await page.Locator("[data-testid=import-refused]").WaitForAsync(new() { Timeout = 60_000 });
        (await page.Locator("[data-testid=import-refused]").InnerTextAsync()).ShouldContain("Ошибочных строк: 2 из 3");
        var errors = await page.Locator("#table-errors tbody tr").AllInnerTextsAsync();
        errors.ShouldContain(e => e.Contains('3') && e.Contains("overall") && e.Contains("must be 1..5"));
        errors.ShouldContain(e => e.Contains('4') && e.Contains("serviceCode") && e.Contains("'NOPE' is not covered by campaign"));
        (await page.Locator("[data-testid=import-progress]").GetAttributeAsync("value")).ShouldBe("0");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_import_page_is_offered_to_survey_writers_only()
    {
        var page = await app.SignInAsync("auditor");
        (await page.GotoAsync("/surveys/imports"))!.Status.ShouldBe(403);
        await page.Context.CloseAsync();
    }
}

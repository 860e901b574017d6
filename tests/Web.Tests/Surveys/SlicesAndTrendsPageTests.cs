using System.Text.Json;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Surveys;

/// <summary>Ad-hoc slices with two groupings, and a body's or a service's trend over the years, on the demo data.</summary>
[Collection(WebCollection.Name)]
public sealed class SlicesAndTrendsPageTests(WebAppFixture app)
{
    private static async Task<JsonElement> ChartData(IPage page, string id) =>
        JsonDocument.Parse((await page.Locator($"#chart-{id}-data").TextContentAsync())!).RootElement;

    [Fact]
    public async Task A_slice_with_two_groupings_shows_a_table_and_a_grouped_chart_and_a_refused_choice_names_its_field()
    {
        var page = await app.SignInAsync("analyst");
        await page.GotoAsync("/surveys/slices");
        await page.SelectOptionAsync("#campaign", "KZ-NPM-2017");
        await page.SelectOptionAsync("#groupBy-0", "body");
        await page.SelectOptionAsync("#groupBy-1", "channel");
        await page.ClickAsync("#slice-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("groupBy=body&groupBy=channel"));

        var headers = await page.Locator("#table-slice thead th").AllInnerTextsAsync();
        headers.Take(2).ShouldBe(["Госорган", "Канал получения"]);
        (await page.Locator("#table-slice tbody tr").CountAsync()).ShouldBeGreaterThan(10);
        // The Agency's answers at the State Corporation's centres are a row of their own.
        var agency = page.Locator("#table-slice tbody tr").Filter(new() { HasText = "Агентство Республики Казахстан по делам государственной службы" });
        (await agency.CountAsync()).ShouldBeGreaterThanOrEqualTo(1);

        await page.Locator("canvas#chart-slice[data-drawn='1']").WaitForAsync();
        var chart = await ChartData(page, "slice");
        chart.GetProperty("kind").GetString().ShouldBe("bar");
        chart.GetProperty("labels").GetArrayLength().ShouldBeGreaterThan(5);
        chart.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString())
            .ShouldBe(["Госорган", "Госкорпорация (ЦОН)", "Портал «электронного правительства»"], ignoreOrder: true);
        await page.Locator("#chart-slice").ScrollIntoViewIfNeededAsync();
        await WebAppFixture.ScreenshotAsync(page, "surveys-slices");

        // What the API refuses comes back on the field it names, with its words.
        var refused = await page.GotoAsync("/surveys/slices?criterion=Trust&groupBy=gender");
        refused!.Status.ShouldBe(400);
        (await page.Locator("#groupBy-error").InnerTextAsync()).ShouldContain("criterion slices cannot use gender");
        (await page.Locator("#groupBy-0").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        refused = await page.GotoAsync("/surveys/slices?groupBy=body&groupBy=body");
        refused!.Status.ShouldBe(400);
        (await page.Locator("#groupBy-error").InnerTextAsync()).ShouldContain("'body' is named twice");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_trend_of_a_body_and_of_a_service_is_a_line_over_the_campaigns_with_its_caveats()
    {
        var page = await app.SignInAsync("analyst");
        await page.GotoAsync("/surveys/trends");
        await page.SelectOptionAsync("#body", "MF");
        await page.ClickAsync("#trend-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("body=MF"));

        (await page.Locator("[data-testid=trend-subject]").InnerTextAsync()).ShouldContain("Министерство финансов");
        var rows = page.Locator("#table-trend tbody tr");
        (await rows.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await page.Locator("#table-trend tbody td[data-key=satisfaction]").AllInnerTextsAsync()).ShouldBe(["79,2", "72,1"]);
        await page.Locator("canvas#chart-trend-satisfaction[data-drawn='1']").WaitForAsync();
        var chart = await ChartData(page, "trend-satisfaction");
        chart.GetProperty("kind").GetString().ShouldBe("line");
        chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["2017", "2018"]);
        chart.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ShouldBe([79.2m, 72.1m]);
        (await ChartData(page, "trend-mean")).GetProperty("series")[0].GetProperty("values").GetArrayLength().ShouldBe(2);
        (await page.Locator("[data-testid=trend-caveat]").InnerTextAsync()).ShouldContain("ranking rule changed");
        await WebAppFixture.ScreenshotAsync(page, "surveys-trends");

        // A service from the catalogue picker (typing its code clears the body chosen).
        await page.FillAsync("#service", "PM-001");
        await page.ClickAsync("#trend-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("service=PM-001"));
        page.Url.ShouldNotContain("body=MF");
        (await page.Locator("[data-testid=trend-subject]").InnerTextAsync()).ShouldContain("PM-001");
        (await page.Locator("#table-trend tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}

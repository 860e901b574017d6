using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Surveys;

/// <summary>
/// An analyst reads the ratings of the published national monitoring reports (the demo data): the 2017 national
/// satisfaction 65.9 %, the ranks, a sorted column, the year-over-year warning, the drill-down and the exports.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RatingsPageTests(WebAppFixture app)
{
    private static ILocator Row(IPage page, string table, string code) =>
        page.Locator($"#table-{table} tbody tr").Filter(new() { Has = page.Locator("td[data-key=code]", new() { HasTextRegex = new($"^{code}$") }) });

    private static async Task<string> Cell(IPage page, string table, string code, string key) =>
        (await Row(page, table, code).Locator($"[data-key={key}]").InnerTextAsync()).Trim();

    private static async Task<List<string>> Codes(IPage page, string table) =>
        [.. (await page.Locator($"#table-{table} tbody td[data-key=code]").AllInnerTextsAsync()).Select(c => c.Trim())];

    [Fact]
    public async Task An_analyst_finds_the_2017_national_satisfaction_and_ranks_sorts_drills_down_and_exports()
    {
        var page = await app.SignInAsync("analyst");

        // A newcomer sees figures at once: the latest national campaign, by service.
        await page.GotoAsync("/surveys/ratings");
        await page.Locator("[data-testid=defaulted]").WaitForAsync();
        (await page.Locator("#table-ratings tbody tr").CountAsync()).ShouldBeGreaterThan(10);

        // The 2017 national campaign, chosen in the form.
        await page.SelectOptionAsync("#campaign", "KZ-NPM-2017");
        await page.ClickAsync("#ratings-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("campaign=KZ-NPM-2017"));
        (await page.Locator("[data-testid=total-satisfaction]").InnerTextAsync()).ShouldBe("65,9 %");
        (await page.Locator("[data-testid=total-mean]").InnerTextAsync()).ShouldBe("4,57");
        // The best-rated service of 2017 (ranked by the share fully satisfied).
        (await Cell(page, "ratings", "PM-064", "rank")).ShouldBe("1");
        (await Cell(page, "ratings", "PM-064", "satisfaction")).ShouldBe("96,9");

        // By body: the Agency for civil service affairs, 79.6 % and 4.76 as the report prints, second after foreign affairs.
        await page.ClickAsync("a[data-by=body]");
        await page.WaitForURLAsync(url => url.Contains("by=body"));
        (await Cell(page, "ratings", "ADGS", "rank")).ShouldBe("2");
        (await Cell(page, "ratings", "ADGS", "satisfaction")).ShouldBe("79,6");
        (await Cell(page, "ratings", "ADGS", "mean")).ShouldBe("4,76");
        (await Cell(page, "ratings", "MID", "rank")).ShouldBe("1");
        // Five respondents of the culture ministry: marked, badged and not ranked.
        (await Row(page, "ratings", "MKS").GetAttributeAsync("class")).ShouldBe("small-sample");
        (await Row(page, "ratings", "MKS").Locator(".badge").InnerTextAsync()).ShouldBe("малая выборка");
        (await Cell(page, "ratings", "MKS", "rank")).ShouldBe("—");
        (await page.Locator("canvas#chart-ratings[data-drawn='1']").CountAsync()).ShouldBe(1);
        await WebAppFixture.ScreenshotAsync(page, "surveys-ratings");

        // Exports of the table on the screen: plain CSV in invariant numbers, the Excel variant in the reader's.
        var csv = await DownloadAsync(page, "#table-ratings a[data-export=csv]");
        var text = Encoding.UTF8.GetString(csv);
        text.ShouldStartWith("Наименование,Код,Место,N,Оценили,Удовлетворённость,\"Положительные, %\",Средний балл,Выборка");
        text.ShouldContain(",ADGS,2,386,382,79.6,96.1,4.76,");
        var excel = await DownloadAsync(page, "#table-ratings a[data-export=excel]");
        excel.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var excelText = Encoding.UTF8.GetString(excel, 3, excel.Length - 3);
        excelText.ShouldStartWith("Наименование;Код;Место;N;Оценили;Удовлетворённость;Положительные, %;Средний балл;Выборка");
        excelText.ShouldContain(";ADGS;2;386;382;79,6;96,1;4,76;");

        // A sorted column: the order changes and the sort is in the URL (bookmarkable).
        var ranked = await Codes(page, "ratings");
        await page.ClickAsync("#table-ratings th[data-key=satisfaction] a");
        await page.WaitForURLAsync(url => url.Contains("sort_ratings=satisfaction"));
        var ascending = await Codes(page, "ratings");
        ascending.ShouldNotBe(ranked);
        ascending.ShouldBe(ranked, ignoreOrder: true);
        ascending[0].ShouldBe("KNB"); // 30.0 %, the lowest
        await page.ClickAsync("#table-ratings th[data-key=satisfaction] a");
        await page.WaitForURLAsync(url => url.Contains("sort_ratings=-satisfaction"));
        (await Codes(page, "ratings")).ShouldNotBe(ascending);

        // Drill-down from a body to its services, and back.
        await page.GotoAsync("/surveys/ratings?campaign=KZ-NPM-2017&by=body");
        await Row(page, "ratings", "MIO").Locator("th a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("body=MIO"));
        page.Url.ShouldContain("by=service");
        (await page.Locator("[data-testid=drill-body]").InnerTextAsync()).ShouldContain("MIO");
        (await page.Locator("[data-testid=total-satisfaction]").InnerTextAsync()).ShouldBe("67,5 %");
        var services = await Codes(page, "ratings");
        services.Count.ShouldBe(20);
        services.ShouldContain("PM-043");
        (await Cell(page, "ratings", services[0], "rank")).ShouldBe("1");
        await page.ClickAsync("[data-testid=back-to-bodies]");
        await page.WaitForURLAsync(url => url.Contains("by=body") && !url.Contains("body=MIO"));
        (await Codes(page, "ratings")).ShouldContain("ADGS");

        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_2018_ratings_warn_that_the_change_since_2017_is_not_comparable()
    {
        var page = await app.SignInAsync("analyst");
        await page.GotoAsync("/surveys/ratings?campaign=KZ-NPM-2018&by=body");
        (await page.Locator("[data-testid=total-satisfaction]").InnerTextAsync()).ShouldBe("72,4 %");
        var warning = page.Locator("[data-testid=yoy-warning]");
        (await warning.InnerTextAsync()).ShouldContain("Кампании несопоставимы");
        (await warning.InnerTextAsync()).ShouldContain("ranking rule changed (ByTopBoxShare → ByMeanThenTopBox)");
        (await warning.InnerTextAsync()).ShouldContain("service set changed");
        (await page.Locator("[data-testid=yoy] h2").InnerTextAsync()).ShouldContain("KZ-NPM-2018 против KZ-NPM-2017");
        // The Agency's change: 4.83155 − 4.75654 = 0.07501 → 0.08 (from unrounded means), flagged not comparable.
        var agency = Row(page, "changes", "ADGS");
        (await agency.Locator("[data-key=meanChange]").InnerTextAsync()).ShouldBe("0,08");
        (await agency.Locator("[data-key=comparable]").InnerTextAsync()).ShouldBe("несопоставимо");

        // A choice the API refuses is shown with its reason on the field, not as a failure.
        var refused = await page.GotoAsync("/surveys/ratings?campaign=KZ-NPM-2018&period=2018");
        refused!.Status.ShouldBe(400);
        (await page.Locator("#campaign-error").InnerTextAsync()).ShouldContain("name campaigns, or a period (and kind), not both");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }
}

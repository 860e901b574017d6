using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Deliveries;

/// <summary>
/// The steward's reports: a delivery report with its lines and late deliveries uploaded as CSV files (a bad file is named
/// row by row and sends nothing), and an internal-control report. They are for 2019, which no assessment of the example
/// body reads, so its 2017 figures stay as they were.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReportPageTests(WebAppFixture app)
{
    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_steward_submits_a_delivery_report_from_CSV_files_and_a_bad_file_is_refused_row_by_row()
    {
        var page = await app.SignInAsync("steward");
        await page.GotoAsync("/deliveries");
        (await page.Locator("[data-testid=scope-body]").InnerTextAsync()).ShouldStartWith("DEMO-KAR");
        // The example body's reports of 2016 and 2017 are listed.
        (await page.Locator("#table-reports tbody th[data-key=reference]").AllInnerTextsAsync()).ShouldBe(["2017-body", "2017-is", "2016-body"], ignoreOrder: true);

        var reference = $"web-{Guid.NewGuid().ToString("N")[..6]}";
        // A bad file: an unknown channel on line 2, a count that is not a number on line 3. Nothing is sent.
        await page.FillAsync("#reference", reference);
        await page.FillAsync("#period", "2019");
        await page.SetInputFilesAsync("#lines", Csv("bad.csv", "service,channel,delivered,refusals\nDEMO-KAR-TEN,Fax,12,0\nDEMO-KAR-ONE,Body,many,0\nDEMO-KAR-TEN,Body,5,1\n"));
        await page.ClickAsync("#submit-form button[type=submit]");
        var rows = await page.Locator("#lines-rows li").AllInnerTextsAsync();
        rows.Count.ShouldBe(2);
        rows[0].ShouldStartWith("Строка 2 · channel: 'Fax' is not one of Body, StateCorporation");
        rows[1].ShouldStartWith("Строка 3 · delivered: 'many' is not a whole number");
        (await page.Locator("#lines-error").InnerTextAsync()).ShouldContain("«bad.csv»");
        (await page.Locator("#lines").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#reference").InputValueAsync()).ShouldBe(reference);

        // A file that reads, but names a service the catalogue does not have: the API's reason, nothing recorded.
        await page.SetInputFilesAsync("#lines", Csv("unknown.csv", "service,channel,delivered,refusals\nNO-SUCH-SERVICE,Body,1,0\n"));
        await page.ClickAsync("#submit-form button[type=submit]");
        (await page.Locator("#lines-error").InnerTextAsync()).ShouldContain("NO-SUCH-SERVICE");

        // Good files (the late deliveries separated by semicolons, as a Russian spreadsheet writes them, with a byte-order mark).
        await page.SetInputFilesAsync("#lines", Csv("lines.csv", "service,channel,delivered,refusals\nDEMO-KAR-TEN,Body,1 200,3\nDEMO-KAR-ONE,StateCorporation,5400,0\n"));
        await page.SetInputFilesAsync("#lateDeliveries", Csv("late.csv", "\uFEFFreference;service\nW-1;DEMO-KAR-TEN\nW-2;DEMO-KAR-TEN\n"));
        await page.FillAsync("#lateDataSubmissions", "1");
        await page.ClickAsync("#submit-form button[type=submit]");
        await page.WaitForURLAsync("**/deliveries?period=2019");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldBe($"Отчёт {reference} представлен: строк — 2, просроченных дел — 2");
        var row = page.Locator("#table-reports tbody tr", new() { Has = page.Locator($"th:text-is('{reference}')") });
        (await row.Locator("td[data-key=delivered]").InnerTextAsync()).ShouldBe("6\u00A0600");
        (await row.Locator("td[data-key=late]").InnerTextAsync()).ShouldBe("2");
        (await row.Locator("td[data-key=source]").InnerTextAsync()).ShouldBe("Отчёт госоргана");
        (await row.Locator("td[data-key=submittedBy]").InnerTextAsync()).ShouldBe("Ответственный Ерлан (steward)");
        await WebAppFixture.ScreenshotAsync(page, "deliveries");

        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_steward_submits_an_internal_control_report_with_violations_by_type()
    {
        var page = await app.SignInAsync("steward");
        await page.GotoAsync("/deliveries/internal-control?period=2019");
        var reference = $"ic-{Guid.NewGuid().ToString("N")[..6]}";
        await page.FillAsync("#reference", reference);
        await page.FillAsync("#controlMeasures", "40");
        await page.FillAsync("#violationsFound", "7");
        await page.FillAsync("#officialsDisciplined", "2");
        await page.FillAsync("#deadlineViolationsFound", "5");
        await page.FillAsync("#byType-IncompletePackage", "2");
        await page.ClickAsync("#submit-form button[type=submit]");
        await page.WaitForURLAsync("**/deliveries/internal-control?period=2019");
        var row = page.Locator("#table-reports tbody tr", new() { Has = page.Locator($"th:text-is('{reference}')") });
        (await row.Locator("td[data-key=controlMeasures]").InnerTextAsync()).ShouldBe("40");
        (await row.Locator("td[data-key=byType]").InnerTextAsync()).ShouldBe("Оказание услуги при неполном пакете документов: 2");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}

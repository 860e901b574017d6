using System.Globalization;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Inspections;

/// <summary>
/// The inspector's pages: open an inspection of the Karaganda example body (DEMO-KAR) for 2017, record a violation with a
/// wrong field and see the API's reason on that field, record it correctly and see the live assessment move, correct it,
/// revoke it (the final is 40,95 again: the demo figures are left as they were), close with findings and a
/// recommendation, fulfil it, and read the history.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class InspectionPageTests(WebAppFixture app)
{
    private static readonly CultureInfo Russian = new("ru-RU");

    private static async Task<decimal> FinalAsync(IPage page) =>
        decimal.Parse((await page.Locator("#table-assessment td[data-key=final]").InnerTextAsync()).Trim(), NumberStyles.Number, Russian);

    [Fact]
    public async Task An_inspector_sees_the_reason_on_the_field_then_the_assessment_move_and_return_and_closes_the_inspection()
    {
        var page = await app.SignInAsync("inspector");
        var id = $"WEB-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

        // Open: the body first (its services are offered), then the inspection.
        await page.GotoAsync("/inspections");
        await page.SelectOptionAsync("#filter-body", "DEMO-KAR");
        await page.WaitForURLAsync("**/inspections?body=DEMO-KAR*");
        await page.FillAsync("#inspectionId", id);
        await page.SelectOptionAsync("#kind", "Unscheduled");
        await page.CheckAsync("#open-form input[name=services][value='DEMO-KAR-TEN']");
        await page.FillAsync("#periodFrom", "2017-01-01");
        await page.FillAsync("#periodTo", "2017-12-31");
        await page.FillAsync("#legalBasis", "Приказ о внеплановой проверке № 12");
        await page.ClickAsync("#open-form button[type=submit]");
        await page.WaitForURLAsync($"**/inspections/{id}");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain($"Проверка {id} открыта");
        (await page.Locator("#table-assessment td[data-key=final]").InnerTextAsync()).Trim().ShouldBe("40,95");

        // A count of 0 without cases, and no service: the API's reasons on those fields, nothing recorded.
        await page.SelectOptionAsync("#type", "DeadlineBreach");
        await page.FillAsync("#count", "0");
        await page.FillAsync("#evidence", "Акт проверки № 7: сроки нарушены");
        await page.ClickAsync("#record-form button[type=submit]");
        (await page.Locator("#count-error").InnerTextAsync()).ShouldContain("give a positive count, or the individual cases");
        (await page.Locator("#count").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#count").GetAttributeAsync("aria-describedby")).ShouldBe("count-error");
        (await page.Locator("#serviceCode-error").InnerTextAsync()).ShouldContain("must not be empty");
        (await page.Locator("#serviceCode").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#evidence").InputValueAsync()).ShouldBe("Акт проверки № 7: сроки нарушены"); // what was typed stays
        (await page.Locator("#table-violations tbody tr").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("Нет данных", Case.Insensitive);

        // Recorded correctly: the live final drops below 40,95.
        await page.SelectOptionAsync("#serviceCode", "DEMO-KAR-TEN");
        await page.FillAsync("#count", "500");
        await page.ClickAsync("#record-form button[type=submit]");
        await page.WaitForURLAsync($"**/inspections/{id}#assessment");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain("Нарушение v1 записано");
        var recorded = await FinalAsync(page);
        recorded.ShouldBeLessThan(40.95m);
        (await page.Locator("#table-assessment td[data-key=published]").InnerTextAsync()).Trim().ShouldBe("40,95");
        (await page.Locator("#table-violations td[data-key=count]").InnerTextAsync()).ShouldBe("500");
        (await page.Locator("#table-violations td[data-key=type]").InnerTextAsync()).ShouldBe("Нарушение сроков оказания услуги");

        // Corrected to fewer: the final comes back part of the way.
        await page.ClickAsync("#table-violations tbody th[data-key=id] a");
        await page.WaitForURLAsync($"**/inspections/{id}/violations/v1");
        await page.FillAsync("#count", "300");
        await page.ClickAsync("#correct"); // no reason: the API's reason on the field
        (await page.Locator("#reason-error").InnerTextAsync()).ShouldNotBeEmpty();
        (await page.Locator("#reason").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.FillAsync("#reason", "Пересчёт по журналу регистрации");
        await page.ClickAsync("#correct");
        await page.WaitForURLAsync($"**/inspections/{id}#assessment");
        var corrected = await FinalAsync(page);
        corrected.ShouldBeGreaterThan(recorded);
        corrected.ShouldBeLessThan(40.95m);
        (await page.Locator("#table-violations td[data-key=count]").InnerTextAsync()).ShouldBe("300");
        await page.GotoAsync($"/inspections/{id}");
        await WebAppFixture.ScreenshotAsync(page, "inspection");

        // Revoked: struck through, and the demo figure is 40,95 again.
        await page.ClickAsync("#table-violations tbody th[data-key=id] a");
        await page.FillAsync("#reason", "Просрочки не подтвердились");
        await page.ClickAsync("#revoke");
        await page.WaitForURLAsync($"**/inspections/{id}#assessment");
        (await FinalAsync(page)).ShouldBe(40.95m);
        (await page.Locator("#table-violations tbody tr.revoked").CountAsync()).ShouldBe(1);
        (await page.Locator("#table-violations td[data-key=status]").InnerTextAsync()).ShouldBe("Отозвано");

        // Closed with findings and a recommendation, which is then fulfilled.
        await page.FillAsync("#findings", "Нарушения сроков не подтвердились.");
        await page.FillAsync("#recommendations", "Вести журнал регистрации заявлений");
        await page.ClickAsync("#close-form button[type=submit]");
        await page.WaitForURLAsync($"**/inspections/{id}");
        (await page.Locator("h1 .badge").InnerTextAsync()).ShouldBe("Закрыта");
        (await page.Locator("#record-form").CountAsync()).ShouldBe(0);
        await page.FillAsync("#note", "Журнал ведётся с 1 марта");
        await page.ClickAsync("#fulfil-form button[type=submit]");
        await page.WaitForURLAsync($"**/inspections/{id}");
        (await page.Locator("#table-recommendations td[data-key=note]").InnerTextAsync()).ShouldBe("Журнал ведётся с 1 марта");

        // The history: every event, who recorded it and what it said.
        var history = await page.Locator("#table-history tbody tr").AllInnerTextsAsync();
        history.Count.ShouldBe(6);
        string.Join("\n", history).ShouldSatisfyAllConditions(
            h => h.ShouldContain("Проверка открыта"), h => h.ShouldContain("Нарушение записано"), h => h.ShouldContain("Нарушение исправлено"),
            h => h.ShouldContain("Пересчёт по журналу регистрации"), h => h.ShouldContain("Нарушение отозвано"), h => h.ShouldContain("Проверка закрыта"),
            h => h.ShouldContain("Рекомендация исполнена"), h => h.ShouldContain("Инспектор Марат (inspector)"));

        // It is among the inspector's own inspections.
        await page.GotoAsync("/inspections");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Мои проверки");
        (await page.Locator("#table-inspections tbody th[data-key=id]").AllInnerTextsAsync()).ShouldContain(id);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_reads_every_inspection_and_its_history_but_is_offered_no_form()
    {
        var page = await app.SignInAsync("auditor");
        await page.GotoAsync("/inspections?body=DEMO-KAR");
        (await page.Locator("#table-inspections tbody th[data-key=id]").AllInnerTextsAsync()).ShouldContain("DEMO-KAR-2017");
        (await page.Locator("#open-inspection").CountAsync()).ShouldBe(0);

        await page.ClickAsync("#table-inspections a:text-is('DEMO-KAR-2017')");
        await page.WaitForURLAsync("**/inspections/DEMO-KAR-2017");
        (await page.Locator("#table-violations td[data-key=count]").AllInnerTextsAsync())
            .ShouldBe(new[] { "226", "13 778", "1 044", "2 637" }.Select(n => n.Replace(" ", "\u00A0")).ToArray(), ignoreOrder: true);
        (await page.Locator("#record-form, #close-form").CountAsync()).ShouldBe(0);
        (await page.Locator("#table-assessment td[data-key=final]").InnerTextAsync()).Trim().ShouldBe("40,95");
        // The history links each event to the raw event (stream and version, as the audit endpoint names it).
        (await page.Locator("#table-history tbody th[data-key=version] a").First.GetAttributeAsync("href"))
            .ShouldBe("/audit/streams/inspection%3ADEMO-KAR-2017/events?version=1");

        // A form posted anyway by someone who may not record is refused, and nothing is recorded.
        var form = page.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", (await page.Locator("form[action='/signout'] input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!);
        foreach (var (name, value) in new[] { ("violationId", "x1"), ("type", "DeadlineBreach"), ("serviceCode", "DEMO-KAR-TEN"), ("period", "2017"), ("count", "9"), ("evidence", "e") })
            form.Set(name, value);
        var refused = await page.APIRequest.PostAsync("/inspections/DEMO-KAR-2017?handler=record", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        refused.Status.ShouldBe(302);
        refused.Headers["location"].ShouldContain("/forbidden");
        await page.ReloadAsync();
        (await page.Locator("#table-violations tbody tr").CountAsync()).ShouldBe(4);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}

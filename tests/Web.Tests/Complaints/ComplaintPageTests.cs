using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Complaints;

/// <summary>
/// The steward's complaints: the Karaganda example body's steward (DEMO-KAR) lodges, decides and answers a complaint, sees
/// the ones past their deadline marked overdue, and is offered no other body — a form crafted for another body is refused.
/// New complaints are lodged this year, so the 2017 assessment (justified complaints of 2017) stays at 40,95.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ComplaintPageTests(WebAppFixture app)
{
    [Fact]
    public async Task A_steward_lodges_decides_and_answers_a_complaint_and_sees_old_ones_overdue()
    {
        // Lodged long ago and never answered (prepared through the API): overdue, whether or not the hourly job has recorded it yet.
        var old = $"WEB-OLD-{Guid.NewGuid().ToString("N")[..6]}";
        using (var api = await app.ApiAsync("steward", "DEMO-KAR"))
        {
            var lodged = await api.PostAsync("/api/complaints", new StringContent(
                $$"""{"complaintId":"{{old}}","bodyCode":"DEMO-KAR","channel":"Body","lodgedOn":"2019-03-01","summary":"Не ответили на обращение"}""",
                Encoding.UTF8, "application/json"));
            ((int)lodged.StatusCode).ShouldBe(201, await lodged.Content.ReadAsStringAsync());
        }

        var page = await app.SignInAsync("steward");
        await page.GotoAsync("/complaints");
        (await page.Locator("[data-testid=scope-body]").InnerTextAsync()).ShouldStartWith("DEMO-KAR");
        (await page.Locator("#filter-body").CountAsync()).ShouldBe(0);
        var oldRow = page.Locator("#table-complaints tbody tr", new() { Has = page.Locator($"th a:text-is('{old}')") });
        (await oldRow.GetAttributeAsync("class")).ShouldBe("overdue");
        (await oldRow.Locator("td[data-key=status] .badge").InnerTextAsync()).ShouldBe("Просрочена");
        // The demo complaints of 2017 were decided but never answered: overdue too.
        (await page.Locator("#table-complaints tr.overdue th a:text-is('DEMO-KAR-c1')").CountAsync()).ShouldBe(1);

        // Lodge one today through the form (no body field: the steward's own).
        var id = $"WEB-{Guid.NewGuid().ToString("N")[..8]}";
        (await page.Locator("#lodge-form [name=bodyCode]").CountAsync()).ShouldBe(0);
        await page.FillAsync("#complaintId", id);
        await page.SelectOptionAsync("#serviceCode", "DEMO-KAR-TEN");
        await page.SelectOptionAsync("#channel", "EGov");
        await page.FillAsync("#summary", "Справка выдана позже срока");
        await page.ClickAsync("#lodge-form button[type=submit]");
        await page.WaitForURLAsync($"**/complaints/{id}");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain($"Жалоба {id} зарегистрирована");
        (await page.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("В работе");

        // Decide without a reason: the API's reason on the field; then with it.
        await page.CheckAsync("#decide-form input[name=justified][value=false]");
        await page.ClickAsync("#decide-form button[type=submit]");
        (await page.Locator("#reason-error").InnerTextAsync()).ShouldContain("must not be empty");
        (await page.Locator("#reason").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.CheckAsync("#decide-form input[name=justified][value=false]");
        await page.FillAsync("#reason", "Срок соблюдён: справка выдана на 3-й рабочий день");
        await page.ClickAsync("#decide-form button[type=submit]");
        await page.WaitForURLAsync($"**/complaints/{id}");
        (await page.Locator("[data-testid=decision]").InnerTextAsync()).ShouldBe("Необоснованная — Срок соблюдён: справка выдана на 3-й рабочий день");

        await page.ClickAsync("#answer-form button[type=submit]");
        await page.WaitForURLAsync($"**/complaints/{id}");
        (await page.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("Ответ дан");
        (await page.Locator("#decide-form, #answer-form").CountAsync()).ShouldBe(0);
        var history = await page.Locator("#table-history td[data-key=event]").AllInnerTextsAsync();
        history.ShouldBe(["Жалоба зарегистрирована", "Решение принято", "Ответ дан"]);
        (await page.Locator("#table-history td[data-key=recordedBy]").First.InnerTextAsync()).ShouldBe("Ответственный Ерлан (steward)");

        await page.GotoAsync("/complaints");
        var row = page.Locator("#table-complaints tbody tr", new() { Has = page.Locator($"th a:text-is('{id}')") });
        (await row.Locator("td[data-key=status]").InnerTextAsync()).ShouldBe("Ответ дан");
        await WebAppFixture.ScreenshotAsync(page, "complaints");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_steward_is_offered_no_other_body_and_a_form_crafted_for_one_is_refused()
    {
        var page = await app.SignInAsync("steward");
        // Asking for another body's complaints still shows the steward's own.
        await page.GotoAsync("/complaints?body=AKIMAT-KAR");
        (await page.Locator("[data-testid=scope-body]").InnerTextAsync()).ShouldStartWith("DEMO-KAR");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Жалобы · DEMO-KAR");
        (await page.Locator("#table-complaints tbody th[data-key=id]").AllInnerTextsAsync()).ShouldContain("DEMO-KAR-c1");

        // The lodging form with a body field added by hand: the handler refuses it (403) and says why; nothing is lodged.
        var id = $"WEB-X-{Guid.NewGuid().ToString("N")[..6]}";
        await page.FillAsync("#complaintId", id);
        await page.FillAsync("#summary", "Чужая жалоба");
        await page.EvalOnSelectorAsync("#lodge-form",
            "f => { const i = document.createElement('input'); i.type = 'hidden'; i.name = 'bodyCode'; i.value = 'AKIMAT-KAR'; f.appendChild(i); }");
        var response = await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("#lodge-form button[type=submit]"));
        response!.Status.ShouldBe(403);
        (await page.Locator("[data-testid=form-errors]").InnerTextAsync()).ShouldContain("A steward acts only for the body in their token ('DEMO-KAR')");
        (await page.GotoAsync($"/complaints/{id}"))!.Status.ShouldBe(404);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_sees_every_body_s_complaints_and_chooses_one_to_lodge_for()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/complaints");
        (await page.Locator("#lodge-form").CountAsync()).ShouldBe(0); // a body is chosen first
        (await page.Locator("#table-complaints td[data-key=body]").AllInnerTextsAsync()).ShouldContain("DEMO-KAR");

        await page.SelectOptionAsync("#filter-body", "DEMO-KAR");
        await page.WaitForURLAsync("**/complaints?body=DEMO-KAR*");
        (await page.Locator("#table-complaints td[data-key=body]").CountAsync()).ShouldBe(0); // one body: named in the heading
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Жалобы · DEMO-KAR");
        (await page.Locator("#lodge-form input[name=bodyCode]").GetAttributeAsync("value")).ShouldBe("DEMO-KAR");

        await page.GotoAsync("/deliveries?body=DEMO-KAR&period=2017");
        (await page.Locator("#table-reports tbody th[data-key=reference]").AllInnerTextsAsync()).ShouldBe(["2017-body", "2017-is"], ignoreOrder: true);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}

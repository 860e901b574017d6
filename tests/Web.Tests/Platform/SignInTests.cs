using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Platform;

/// <summary>Signing in, what each role is offered, and the languages: Russian first, Kazakh and English switchable.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebAppFixture app)
{
    [Fact]
    public async Task A_page_sends_an_anonymous_visitor_to_sign_in_and_back_after_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/assessments");
        page.Url.ShouldContain("/signin?returnUrl=%2Fassessments");
        await page.ClickAsync("button[data-user='auditor']");
        await page.WaitForURLAsync("**/assessments");
        (await page.Locator("[data-testid=who]").InnerTextAsync()).ShouldContain("Аудитор Асель");
    }

    [Theory]
    [InlineData("analyst", new[] { "/surveys/ratings", "/surveys/imports", "/assessments" }, new[] { "/inspections", "/catalogue" })]
    [InlineData("auditor", new[] { "/assessments", "/inspections", "/methodology" }, new[] { "/complaints", "/catalogue" })]
    [InlineData("inspector", new[] { "/inspections" }, new[] { "/surveys/ratings", "/complaints", "/catalogue" })]
    [InlineData("steward", new[] { "/complaints", "/deliveries" }, new[] { "/inspections", "/methodology", "/catalogue" })]
    [InlineData("assessor", new[] { "/methodology", "/assessments" }, new[] { "/complaints", "/catalogue" })]
    [InlineData("admin", new[] { "/catalogue", "/surveys/imports", "/operations/jobs" }, new string[0])]
    public async Task Each_role_is_offered_its_sections_only(string role, string[] offered, string[] notOffered)
    {
        var page = await app.SignInAsync(role);
        var links = await page.Locator("header nav a").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        foreach (var href in offered) links.ShouldContain(href);
        foreach (var href in notOffered) links.ShouldNotContain(href);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_are_Russian_first_and_switch_to_Kazakh_and_English()
    {
        var page = await app.SignInAsync("analyst");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ru");
        (await page.Locator("header nav").InnerTextAsync()).ShouldContain("Рейтинги");

        await page.ClickAsync("a[href^='/culture/kk']");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("kk");
        (await page.Locator("header nav").InnerTextAsync()).ShouldContain("Рейтингтер");

        await page.ClickAsync("a[href^='/culture/en']");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("header nav").InnerTextAsync()).ShouldContain("Ratings");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_of_another_role_is_refused_and_a_foreign_return_address_is_not_followed()
    {
        var page = await app.SignInAsync("inspector");
        var response = await page.GotoAsync("/operations/jobs");
        response!.Status.ShouldBe(403);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Доступ запрещён");

        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/signin?returnUrl=https%3A%2F%2Fevil.example%2F");
        await anonymous.ClickAsync("button[data-user='analyst']");
        await anonymous.WaitForLoadStateAsync();
        new Uri(anonymous.Url).Host.ShouldBe("127.0.0.1");
        await page.Context.CloseAsync();
        await anonymous.Context.CloseAsync();
    }

    [Fact]
    public async Task The_demo_sign_in_form_shows_the_reason_on_its_field()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#custom-user #name", "Проверка");
        await page.SelectOptionAsync("#custom-user #role", "steward");
        await page.ClickAsync("#custom-user button[type=submit]");
        (await page.Locator("#body-error").InnerTextAsync()).ShouldContain("a steward acts for a state body");
        (await page.Locator("#custom-user #body").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_works_from_the_keyboard_alone_and_the_home_page_fits_a_phone()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/signin");
        // Tab from the top: the skip link, the brand, the languages, then the first demo user; Enter presses it.
        for (var i = 0; i < 12 && await page.EvaluateAsync<string?>("document.activeElement?.dataset?.user") is null; i++)
            await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string?>("document.activeElement?.dataset?.user")).ShouldNotBeNull("a demo user is reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        (await page.Locator("ul.cards a").CountAsync()).ShouldBeGreaterThan(0);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "no sideways scrolling on a phone");
        await WebAppFixture.ScreenshotAsync(page, "home-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_in_Kazakh_and_in_English_shows_its_own_texts_and_the_numbers_of_that_language()
    {
        var page = await app.SignInAsync("analyst");
        await page.GotoAsync("/culture/kk?returnUrl=%2Fsurveys%2Fratings%3Fcampaign%3DKZ-NPM-2017%26by%3Dbody");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Қанағаттану рейтингтері");
        (await page.Locator("[data-testid=total-satisfaction]").InnerTextAsync()).ShouldBe("65,9 %");

        await page.GotoAsync("/culture/en?returnUrl=%2Fsurveys%2Fratings%3Fcampaign%3DKZ-NPM-2017%26by%3Dbody");
        (await page.Locator("h1").InnerTextAsync()).ShouldNotBe("Қанағаттану рейтингтері");
        (await page.Locator("[data-testid=total-satisfaction]").InnerTextAsync()).ShouldStartWith("65.9");
        await page.Context.CloseAsync();
    }
}

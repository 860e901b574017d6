using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Catalogue;

/// <summary>The register of bodies and services with passports, and an admin's changes to it.</summary>
[Collection(WebCollection.Name)]
public sealed class CataloguePagesTests(WebAppFixture app)
{
    [Fact]
    public async Task An_admin_sees_bodies_and_services_with_passports_filters_them_and_exports_the_table()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/catalogue");
        (await page.Locator("#table-bodies tbody tr").CountAsync()).ShouldBeGreaterThan(40);
        (await page.Locator("#table-services tbody tr").CountAsync()).ShouldBeGreaterThan(100);
        await WebAppFixture.ScreenshotAsync(page, "catalogue");

        await page.SelectOptionAsync("#level", "Central");
        await page.WaitForURLAsync("**/catalogue?level=Central*");
        var levels = await page.Locator("#table-bodies tbody td[data-key=level]").AllInnerTextsAsync();
        levels.ShouldAllBe(l => l == "центральный");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#table-services a[data-export=excel]"));
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }); // Excel reads UTF-8 by its byte order mark
        Encoding.UTF8.GetString(bytes).ShouldContain(";");

        await page.ClickAsync("#table-services tbody tr:first-child th a");
        await page.WaitForURLAsync("**/catalogue/services/**");
        (await page.Locator("#table-passports tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_registers_a_body_after_the_API_refused_a_field_and_renames_it()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/catalogue");
        var code = $"WEB-{Random.Shared.Next(100000, 999999)}";
        await page.FillAsync("#code", code);
        await page.FillAsync("#nameRu", "Тестовый орган");
        await page.SelectOptionAsync("#register-level", "Local");
        await page.SelectOptionAsync("#regionCode", "KZ-KAR");
        // No effective date: refused on that field, nothing registered.
        await page.ClickAsync("#register-body button[type=submit]");
        (await page.Locator("#effectiveFrom-error").InnerTextAsync()).ShouldContain("required");
        (await page.InputValueAsync("#code")).ShouldBe(code);

        await page.FillAsync("#effectiveFrom", "2020-01-01");
        await page.ClickAsync("#register-body button[type=submit]");
        await page.WaitForURLAsync($"**/catalogue/bodies/{code}");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Тестовый орган");

        await page.FillAsync("#nameRu", "Переименованный орган");
        await page.FillAsync("#effectiveFrom", "2021-01-01");
        await page.FillAsync("#rename-reason", "Постановление");
        await page.ClickAsync("#rename button[type=submit]");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldNotBeEmpty();
        (await page.Locator("#table-names").InnerTextAsync()).ShouldContain("Переименованный орган");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_role_reads_the_catalogue_but_is_offered_no_change_and_a_crafted_post_is_refused()
    {
        var page = await app.SignInAsync("analyst");
        await page.GotoAsync("/catalogue/bodies/DEMO-KAR");
        (await page.Locator("form#rename").CountAsync()).ShouldBe(0);
        // The antiforgery token of the page is valid; the role is not.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var response = await page.APIRequest.PostAsync("/catalogue/bodies/DEMO-KAR?handler=rename", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("nameRu", "Захват").Set("effectiveFrom", "2020-01-01").Set("reason", "x"),
        });
        response.Status.ShouldBe(403);
        await page.GotoAsync("/catalogue/bodies/DEMO-KAR");
        (await page.Locator("h1").InnerTextAsync()).ShouldNotContain("Захват");
        await page.Context.CloseAsync();
    }
}

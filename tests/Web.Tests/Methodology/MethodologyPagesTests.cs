using System.Text.Json.Nodes;
using System.Text;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Methodology;

/// <summary>Methodology versions as a readable table; an assessor publishes a new version from a JSON file.</summary>
[Collection(WebCollection.Name)]
public sealed class MethodologyPagesTests(WebAppFixture app)
{
    [Fact]
    public async Task An_auditor_reads_the_default_version_as_a_table_of_criteria_and_indicators_and_is_not_offered_publishing()
    {
        var page = await app.SignInAsync("auditor");
        await page.GotoAsync("/methodology");
        await page.ClickAsync("#table-versions a:text('KZ-2017')");
        await page.WaitForURLAsync("**/methodology/KZ-2017");
        var table = await page.Locator("#methodology-table").InnerTextAsync();
        table.ShouldContain("ShareToPoints");
        (await page.Locator("#methodology-table tfoot").InnerTextAsync()).ShouldContain("100");
        (await page.Locator("form#publish").CountAsync()).ShouldBe(0);
        await WebAppFixture.ScreenshotAsync(page, "methodology-version");

        // A crafted form post by a role that may not publish changes nothing.
        var response = await page.APIRequest.PostAsync("/methodology", new() { Multipart = page.APIRequest.CreateFormData() });
        response.Status.ShouldBeOneOf(400, 403);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_assessor_publishes_a_new_version_from_a_JSON_file_after_seeing_what_is_wrong_with_it()
    {
        var page = await app.SignInAsync("assessor");
        await page.GotoAsync("/methodology/KZ-2017");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=version-json]"));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
        json["code"]!.GetValue<string>().ShouldBe("KZ-2017");

        // Wrong: a criterion whose maximum is out of range — the API's reason, named by its field, nothing published.
        var code = $"KZ-TEST-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        json["code"] = code;
        json["criteria"]![0]!["max"] = 250;
        await page.GotoAsync("/methodology");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "bad.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json.ToJsonString()) });
        await page.FillAsync("#reason", "Проверка публикации");
        await page.ClickAsync("form#publish button[type=submit]");
        (await page.Locator("[data-testid=form-errors]").InnerTextAsync()).ShouldContain("version.criteria[0].max");

        // Right: published, and shown as its own page.
        json["criteria"]![0]!["max"] = JsonNode.Parse(File.ReadAllText(await download.PathAsync()))!["criteria"]![0]!["max"]!.DeepClone();
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "good.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json.ToJsonString()) });
        await page.FillAsync("#reason", "Проверка публикации");
        await page.ClickAsync("form#publish button[type=submit]");
        await page.WaitForURLAsync($"**/methodology/{code}");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain(code);
        (await page.Locator("#methodology-table tfoot").InnerTextAsync()).ShouldContain("100");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_is_refused_on_the_file_field()
    {
        var page = await app.SignInAsync("assessor");
        await page.GotoAsync("/methodology");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "bad.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes("{ not json") });
        await page.FillAsync("#reason", "x");
        await page.ClickAsync("form#publish button[type=submit]");
        (await page.Locator("#file-error").InnerTextAsync()).ShouldNotBeEmpty();
        (await page.Locator("#file").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.Context.CloseAsync();
    }
}

using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Operations;

[Collection(WebCollection.Name)]
public sealed class JobsPageTests(WebAppFixture app)
{
    [Fact]
    public async Task An_admin_sees_the_recurring_jobs_runs_one_now_and_opens_the_dashboard_with_the_same_sign_in()
    {
        var page = await app.SignInAsync("admin");
        await page.GotoAsync("/operations/jobs");
        var jobs = await page.Locator("#table-recurring").InnerTextAsync();
        jobs.ShouldContain("complaint-deadlines");
        jobs.ShouldContain("journal-digest");

        await page.ClickAsync("button[data-job='complaint-deadlines']");
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain("complaint-deadlines");

        // The dashboard's own cookie, given to the signed-in admin with one press.
        await page.ClickAsync("#open-dashboard", new() { NoWaitAfter = true });
        await page.WaitForURLAsync("**/hangfire", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        (await page.TitleAsync()).ShouldContain("Monitoring jobs");
        await page.Context.CloseAsync();
    }
}

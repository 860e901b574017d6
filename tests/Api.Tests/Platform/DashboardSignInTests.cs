using System.Net;
using System.Text.RegularExpressions;

namespace Monitoring.Api.Tests.Platform;

[Collection(SecuredApiCollection.Name)]
public sealed class DashboardSignInTests(SecuredApiFixture fixture)
{
    /// <summary>The sign-in form and the antiforgery pair that goes with it (hidden field, cookie).</summary>
    private async Task<(string Field, string Value, string Cookie)> OpenForm(HttpClient client)
    {
        var page = await client.GetAsync("/auth/dashboard");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        string.Join("", page.Headers.GetValues("Content-Security-Policy")).ShouldContain("form-action 'self'");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await page.Content.ReadAsStringAsync();
        html.IndexOf("Вход в панель фоновых задач", StringComparison.Ordinal)
            .ShouldBeLessThan(html.IndexOf("Sign in to the background jobs dashboard", StringComparison.Ordinal));
        var hidden = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"");
        hidden.Success.ShouldBeTrue();
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monitoring_antiforgery=")).Split(';')[0];
        return (hidden.Groups[1].Value, WebUtility.HtmlDecode(hidden.Groups[2].Value), cookie);
    }

    private static HttpRequestMessage Post(string token, (string Field, string Value, string Cookie)? form)
    {
        var fields = new List<KeyValuePair<string, string>> { new("token", token) };
        if (form is { } f) fields.Add(new(f.Field, f.Value));
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/dashboard") { Content = new FormUrlEncodedContent(fields) };
        if (form is { } g) request.Headers.Add("Cookie", g.Cookie);
        return request;
    }

    [Fact]
    public async Task Without_the_sign_in_cookie_the_dashboard_is_refused_and_a_browser_is_sent_to_the_form()
    {
        var client = fixture.Client("10.8.0.1");
        (await client.GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var browser = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        browser.Headers.Add("Accept", "text/html,application/xhtml+xml");
        var redirected = await client.SendAsync(browser);
        redirected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirected.Headers.Location!.OriginalString.ShouldBe("/auth/dashboard");

        // Neither an admin's bearer header nor the token in the URL opens it.
        (await fixture.Client("10.8.0.2", "admin").GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Client("10.8.0.3").GetAsync($"/hangfire?access_token={fixture.Token("admin", "alice")}")).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_analysts_token_gets_no_dashboard_cookie()
    {
        var client = fixture.Client("10.8.0.4");
        var form = await OpenForm(client);
        var response = await client.SendAsync(Post(fixture.Token("analyst", "bob"), form));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("monitoring_dashboard="));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_or_with_a_bad_token_is_refused()
    {
        var client = fixture.Client("10.8.0.5");
        (await client.SendAsync(Post(fixture.Token("admin", "alice"), null))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var form = await OpenForm(client);
        (await client.SendAsync(Post("not-a-token", form))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admins_token_gets_a_short_strict_cookie_that_opens_the_dashboard()
    {
        var client = fixture.Client("10.8.0.6");
        var form = await OpenForm(client);
        var before = DateTimeOffset.UtcNow;
        var response = await client.SendAsync(Post(fixture.Token("admin", "alice"), form));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/hangfire");

        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monitoring_dashboard="));
        var attributes = setCookie.ToLowerInvariant();
        attributes.ShouldContain("httponly");
        attributes.ShouldContain("samesite=strict");
        attributes.ShouldContain("path=/hangfire");
        var expires = DateTimeOffset.Parse(Regex.Match(setCookie, "expires=([^;]+)", RegexOptions.IgnoreCase).Groups[1].Value);
        expires.ShouldBeLessThanOrEqualTo(before.AddHours(1).AddSeconds(5));

        var dashboard = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        dashboard.Headers.Add("Cookie", setCookie.Split(';')[0]);
        var page = await client.SendAsync(dashboard);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Monitoring jobs");
        // The dashboard's own policy: scripts from this host only, never inline; its pages are not cached.
        var csp = string.Join("", page.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Over_https_the_dashboard_cookie_is_secure()
    {
        var client = fixture.Client("10.8.0.7");
        client.BaseAddress = new Uri("https://localhost/");
        var form = await OpenForm(client);
        var response = await client.SendAsync(Post(fixture.Token("admin", "alice"), form));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monitoring_dashboard=")).ToLowerInvariant().ShouldContain("secure");
    }
}

using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

[Collection(SecuredApiCollection.Name)]
public sealed class SecurityHeadersTests(SecuredApiFixture fixture)
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : "";

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_the_api_allows_no_content()
    {
        var client = fixture.Client("10.9.0.1");
        foreach (var response in new[]
                 {
                     await client.GetAsync("/health"),
                     await client.GetAsync("/api/catalogue/bodies"), // a 401 problem
                     await client.GetAsync("/openapi/v1.json"),
                     await client.GetAsync("/api/no-such-endpoint"),
                 })
        {
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
            Header(response, "X-Frame-Options").ShouldBe("DENY");
            Header(response, "Referrer-Policy").ShouldBe("no-referrer");
            var csp = Header(response, "Content-Security-Policy");
            csp.ShouldContain("default-src 'none'");
            csp.ShouldContain("frame-ancestors 'none'");
            // Plain HTTP: no Strict-Transport-Security.
            Header(response, "Strict-Transport-Security").ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task The_pages_allow_this_sites_scripts_and_styles_only_and_are_never_cached()
    {
        var client = fixture.Client("10.9.0.5");
        foreach (var response in new[] { await client.GetAsync("/signin"), await client.GetAsync("/no-such-page") })
        {
            var csp = Header(response, "Content-Security-Policy");
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("style-src 'self'");
            csp.ShouldNotContain("unsafe-inline");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldContain("form-action 'self'");
            Header(response, "X-Frame-Options").ShouldBe("DENY");
            Header(response, "Cache-Control").ShouldBe("no-store");
        }
        var script = await client.GetAsync("/js/site.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(script, "Cache-Control").ShouldNotBe("no-store");
    }

    [Fact]
    public async Task Strict_transport_security_is_sent_over_https()
    {
        var response = await fixture.Client("10.9.0.2").GetAsync("https://localhost/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Strict-Transport-Security").ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task Authenticated_api_answers_are_not_stored_by_any_cache()
    {
        var response = await fixture.Client("10.9.0.3", "analyst").GetAsync("/api/catalogue/bodies");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task The_reference_page_loads_its_script_from_this_host_under_a_policy_of_its_own()
    {
        var client = fixture.Client("10.9.0.4");
        var docs = await client.GetAsync("/docs");
        if (docs.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently) docs = await client.GetAsync(docs.Headers.Location);
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = Header(docs, "Content-Security-Policy");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        Header(docs, "X-Frame-Options").ShouldBe("DENY");
        var html = await docs.Content.ReadAsStringAsync();
        // Every script the page names is on this host (the policy would block any other origin).
        var sources = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        sources.ShouldNotBeEmpty();
        sources.ShouldAllBe(src => !src.Contains("//"));
        foreach (var src in sources)
        {
            var script = await client.GetAsync(new Uri(docs.RequestMessage!.RequestUri!, src));
            script.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}

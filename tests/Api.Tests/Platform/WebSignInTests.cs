using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// The pages' sign-in outside Development: the OpenID Connect provider only (authorization code with PKCE), no demo
/// users; the person's roles and body come from the provider's claims as for a bearer token.
/// </summary>
public sealed class WebSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task In_production_a_person_signs_in_at_the_provider_with_pkce_and_gets_the_roles_of_its_claims()
    {
        var browser = new Browser(fixture.Host.Server.CreateClient());
        var signIn = await browser.GetAsync("/signin?returnUrl=%2Fmethodology");
        signIn.ShouldNotContain("data-user=");            // no demo users in Production
        var token = Regex.Match(signIn, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var challenge = await browser.PostAsync("/signin?handler=provider", new() { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/methodology" });
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).ShouldBe($"{fixture.Issuer}/auth");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["client_id"].ToString().ShouldBe(OidcFixture.WebClient);
        query["response_type"].ToString().ShouldBe("code");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldNotBeEmpty();

        // The provider signs alice in and sends her back with a code; its token endpoint answers with her ID token.
        fixture.Codes["code-1"] = (query["nonce"].ToString(), "alice@provider", ["auditor"], null);
        var callback = await browser.GetAsync(new Uri(query["redirect_uri"].ToString()).PathAndQuery.Split('?')[0]
                                              + $"?code=code-1&state={Uri.EscapeDataString(query["state"].ToString())}", follow: false);
        callback.ShouldBe("/methodology");

        var page = await browser.GetAsync("/methodology");
        page.ShouldContain("alice@provider");
        page.ShouldContain("<h1>");
    }

    /// <summary>A cookie-keeping client for the in-memory server (the test server's client keeps none).</summary>
    private sealed class Browser(HttpClient client)
    {
        private readonly Dictionary<string, string> _cookies = new();

        public async Task<string> GetAsync(string path, bool follow = true)
        {
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            if (!follow && response.StatusCode == HttpStatusCode.Redirect) return response.Headers.Location!.ToString();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadAsStringAsync();
        }

        public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            request.Headers.Add(PlatformHost.ClientHeader, "10.6.1.1");
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
                foreach (var cookie in cookies)
                {
                    var pair = cookie.Split(';')[0].Split('=', 2);
                    if (cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(pair[0]);
                    else _cookies[pair[0]] = pair[1];
                }
            return response;
        }
    }
}

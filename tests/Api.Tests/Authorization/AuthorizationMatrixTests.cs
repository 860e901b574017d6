using Microsoft.AspNetCore.Authentication.JwtBearer;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Authorization;

/// <summary>
/// Every endpoint of the host × every role × bad tokens, from the endpoint metadata: a new endpoint is covered the
/// moment it is mapped, and one mapped without a policy (or explicit AllowAnonymous) fails.
/// </summary>
public sealed class AuthorizationMatrixTests(UnlimitedApiFixture fixture, ITestOutputHelper output) : IClassFixture<UnlimitedApiFixture>
{
    private const string StewardBody = "AUTHZ-A";

    [Fact]
    public async Task Every_endpoint_names_a_policy_or_is_explicitly_anonymous()
    {
        var endpoints = await ApiEndpoint.AllAsync(fixture.Host.Services);
        endpoints.Count.ShouldBeGreaterThan(50, "the endpoint data source should list the whole API");
        endpoints.Where(e => !e.HasOwnPolicy && !e.AllowsAnonymous).Select(e => e.ToString()).ShouldBeEmpty(
            "every endpoint needs RequireAuthorization(policy) or AllowAnonymous()");
        endpoints.Where(e => e.HasOwnPolicy && e.AllowsAnonymous).Select(e => e.ToString()).ShouldBeEmpty(
            "an endpoint should not be both anonymous and under a policy");
        // Only role requirements (and "signed in") are used, so the allowed roles derived from them are the whole truth.
        endpoints.Where(e => e.Policy is not null && e.Policy.Requirements.Any(r => r is not (RolesAuthorizationRequirement or DenyAnonymousAuthorizationRequirement)))
            .Select(e => e.ToString()).ShouldBeEmpty("a policy with other requirements needs this test extended");
        endpoints.Where(e => e.AllowsAnonymous).Select(e => e.Route).Distinct().OrderBy(r => r).ShouldAllBe(r =>
            // The journal's public key is public on purpose: outside parties check digests with it.
            r == "/" || r == "/health" || r == "/health/ready" || r == "/health/live" || r == "/api/journal/key" || r.StartsWith("/auth/dashboard") || r.StartsWith("/openapi") || r.StartsWith("/docs") || r.StartsWith("/scalar"));
    }

    [Fact]
    public async Task The_fallback_policy_requires_a_signed_in_user()
    {
        var fallback = await fixture.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        fallback.ShouldNotBeNull();
        fallback.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().ShouldNotBeEmpty();
        // A path no endpoint serves is not an open door either: 401 without a token.
        (await fixture.Client(null).GetAsync("/api/no-such-endpoint")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var health in new[] { "/health", "/health/ready", "/health/live" })
            (await fixture.Client(null).GetAsync(health)).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        (await fixture.Client(null).GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // /docs redirects to /docs/ (Scalar), which serves the page.
        (await fixture.Client(null).GetAsync("/docs")).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Found);
        (await fixture.Client(null).GetAsync("/docs/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_bad_token_as_its_policy_says()
    {
        var settings = fixture.Host.Services.GetRequiredService<JwtSettings>();
        var now = DateTimeOffset.UtcNow;
        string Valid(string role) => settings.Issue($"matrix-{role}", [role], role == Roles.Steward ? StewardBody : null, now);
        var badTokens = new Dictionary<string, Func<string, string?>>
        {
            ["no token"] = _ => null,
            ["expired"] = role => settings.Issue($"matrix-{role}", [role], StewardBody, now.AddHours(-2 * settings.TokenLifetimeHours)),
            ["foreign key"] = role => new JwtSettings { Issuer = settings.Issuer, Audience = settings.Audience, SigningKey = new string('f', 48) }
                .Issue($"matrix-{role}", [role], StewardBody, now),
            ["wrong issuer"] = role => new JwtSettings { Issuer = "someone-else", Audience = settings.Audience, SigningKey = settings.SigningKey }
                .Issue($"matrix-{role}", [role], StewardBody, now),
            ["wrong audience"] = role => new JwtSettings { Issuer = settings.Issuer, Audience = "another-api", SigningKey = settings.SigningKey }
                .Issue($"matrix-{role}", [role], StewardBody, now),
        };

        var cases = new List<(ApiEndpoint Endpoint, string Who, string? Token, Func<HttpStatusCode, bool> Expected, string Expectation)>();
        foreach (var endpoint in await ApiEndpoint.AllAsync(fixture.Host.Services))
        {
            foreach (var role in Roles.All)
            {
                foreach (var (what, token) in badTokens)
                    cases.Add(endpoint.AllowsAnonymous
                        ? (endpoint, $"{role}, {what}", token(role), s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), "not 401/403 (anonymous)")
                        : (endpoint, $"{role}, {what}", token(role), s => s == HttpStatusCode.Unauthorized, "401"));
                // An endpoint whose policy signs in by another scheme (the dashboard's cookie) takes no bearer token at all.
                if (endpoint.Policy is { AuthenticationSchemes.Count: > 0 } own && !own.AuthenticationSchemes.Contains(JwtBearerDefaults.AuthenticationScheme))
                    cases.Add((endpoint, role, Valid(role), s => s == HttpStatusCode.Unauthorized, "401 (signs in by its own cookie, not a bearer token)"));
                else cases.Add(endpoint.AllowsAnonymous || endpoint.AllowedRoles.Contains(role)
                    ? (endpoint, role, Valid(role), s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), "not 401/403 (allowed)")
                    : (endpoint, role, Valid(role), s => s == HttpStatusCode.Forbidden, "403 (role not in policy)"));
            }
        }

        var failures = new ConcurrentBag<string>();
        var serverErrors = new ConcurrentBag<string>();
        var client = fixture.Host.Server.CreateClient();
        // In-process requests: a few at a time keeps the run short without starving the shared machine.
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Endpoint.Method), c.Endpoint.Url());
            if (c.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", c.Token);
            // An empty JSON object: enough to get past authorisation; a 400 from validation is fine. An endpoint that
            // declares other content types (a file upload) gets an empty body of its first one, since routing answers
            // 415 to any other before authorisation runs.
            if (c.Endpoint.Writes)
                request.Content = c.Endpoint.ContentTypes is { Count: > 0 } types && !types.Contains("application/json")
                    ? new StringContent("", System.Text.Encoding.UTF8, types[0])
                    : ApiFixture.RawJson("{}");
            using var response = await client.SendAsync(request, ct);
            if (!c.Expected(response.StatusCode))
                failures.Add($"{c.Endpoint} as {c.Who}: {(int)response.StatusCode}, expected {c.Expectation}");
            else if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                     && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{c.Endpoint} as {c.Who}: {(int)response.StatusCode} without a ProblemDetails body");
            if ((int)response.StatusCode >= 500) serverErrors.Add($"{c.Endpoint} as {c.Who}: {(int)response.StatusCode}");
        });

        output.WriteLine($"{cases.Count} requests over {cases.Select(c => c.Endpoint).Distinct().Count()} endpoint methods");
        // Not this test's concern, but worth seeing: an empty body should be a 400, not a crash.
        foreach (var error in serverErrors.Order()) output.WriteLine($"server error (not asserted): {error}");
        failures.Order().ShouldBeEmpty();
    }
}

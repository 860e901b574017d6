using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Web;

namespace Monitoring.Api.Tests.Authorization;

/// <summary>
/// The pages are a surface of their own: signed in by the pages' cookie only (a bearer token opens none of them, so a
/// stolen API token is no way into a form, and the API never accepts the cookie), every page under a policy of that
/// scheme unless it is the sign-in itself.
/// </summary>
public sealed class WebPagesAuthorizationTests(UnlimitedApiFixture fixture) : IClassFixture<UnlimitedApiFixture>
{
    private IReadOnlyList<RouteEndpoint> Pages() => fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<WebSurface>() is not null).ToList();

    [Fact]
    public async Task Every_page_authenticates_by_the_pages_cookie_only_or_is_the_sign_in()
    {
        var provider = fixture.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        Pages().Count.ShouldBeGreaterThan(5);
        foreach (var page in Pages())
        {
            var route = (page.RoutePattern.RawText ?? "").TrimStart('/');
            var policy = await AuthorizationPolicy.CombineAsync(provider, page.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                page.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            if (page.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                route.ShouldBeOneOf("signin", "culture/{culture}");
                continue;
            }
            policy.ShouldNotBeNull(route);
            policy.AuthenticationSchemes.ShouldBe([WebSetup.Scheme], route);
        }
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Auditor)]
    public async Task A_bearer_token_opens_no_page_the_browser_is_sent_to_sign_in(string role)
    {
        var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token(role));
        foreach (var route in Pages().Where(p => p.RoutePattern.Parameters.Count == 0).Select(p => (p.RoutePattern.RawText ?? "").TrimStart('/'))
                     .Where(r => r is not ("signin" or "signout")).Distinct())
        {
            var response = await client.GetAsync("/" + route);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, route);
            response.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?returnUrl=", Case.Insensitive, route);
        }
    }
}

using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Catalogue;

public sealed class AuthorizationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("analyst")]
    [InlineData("inspector")]
    [InlineData("steward")]
    [InlineData("auditor")]
    [InlineData("assessor")]
    public async Task Only_an_admin_changes_the_catalogue(string role)
    {
        var response = await fixture.Client(role).PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("X1")));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client("admin").GetAsync("/api/catalogue/bodies/X1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_token_reads_and_writes_are_401_problems()
    {
        var anonymous = fixture.Client(null);
        var read = await anonymous.GetAsync("/api/catalogue/services");
        read.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        read.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await anonymous.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("X2")))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var forged = new Monitoring.Api.Auth.JwtSettings { SigningKey = new string('x', 48) }
            .Issue("mallory", ["admin"], null, DateTimeOffset.UtcNow);
        var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        (await client.GetAsync("/api/catalogue/services")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_role_reads_the_catalogue_but_only_audit_roles_read_raw_events()
    {
        foreach (var role in Monitoring.Api.Auth.Roles.All)
            (await fixture.Client(role).GetAsync("/api/catalogue/services")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Client("inspector").GetAsync("/api/audit/streams/body:X/events")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_hangfire_dashboard_takes_no_bearer_token_only_its_sign_in_cookie()
    {
        // The dashboard's sign-in (an admin's cookie from /auth/dashboard) is tested in Platform/DashboardSignInTests.
        (await fixture.Client(null).GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Client("admin").GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var admin = fixture.Host.Server.CreateClient();
        (await admin.GetAsync($"/hangfire?access_token={fixture.Token("admin")}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

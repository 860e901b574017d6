using System.Net;
using System.Net.Http.Headers;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

[Collection(SecuredApiCollection.Name)]
public sealed class RateLimitTests(SecuredApiFixture fixture)
{
    private static async Task ShouldBeTooManyRequests(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        var problem = await ApiFixture.ReadJson(response);
        problem.GetProperty("status").GetInt32().ShouldBe(429);
    }

    [Fact]
    public async Task After_too_many_failed_authentications_an_address_is_refused_before_authentication()
    {
        var forger = fixture.Client("10.7.0.1");
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        for (var i = 0; i < SecuredApiFixture.FailedAuthPerMinute; i++)
            (await forger.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await ShouldBeTooManyRequests(await forger.GetAsync("/api/catalogue/bodies"));
        // Refused before authentication: even a valid token from that address waits for the window to turn.
        await ShouldBeTooManyRequests(await fixture.Client("10.7.0.1", "analyst").GetAsync("/api/catalogue/bodies"));
        // Other addresses are not affected.
        (await fixture.Client("10.7.0.2", "analyst").GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Successful_requests_do_not_count_as_failed_authentications()
    {
        var client = fixture.Client("10.7.0.3", "analyst");
        for (var i = 0; i < SecuredApiFixture.FailedAuthPerMinute * 3; i++)
            (await client.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changes_are_limited_per_user_and_reads_are_not()
    {
        var writer = fixture.Client("10.7.0.4", "admin", "writer-1");
        for (var i = 0; i < SecuredApiFixture.WritesPerMinute; i++)
            (await writer.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body($"RL{i}")))).StatusCode
                .ShouldBe(HttpStatusCode.Created);

        var refused = await writer.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("RL-X")));
        await ShouldBeTooManyRequests(refused);
        (await writer.GetAsync("/api/catalogue/bodies/RL-X")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // nothing recorded
        (await writer.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another user from the same address has a budget of their own.
        (await fixture.Client("10.7.0.4", "admin", "writer-2").PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("RL-Y"))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

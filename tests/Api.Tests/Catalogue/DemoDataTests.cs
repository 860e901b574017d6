using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.DemoData;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Tests.Catalogue;

public sealed class DemoDataTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_demo_catalogue_loads_through_the_commands_once_and_a_second_load_adds_nothing()
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "catalogue", "catalogue.json")), DemoDataLoader.Json)!;
        file.Services.Count.ShouldBeGreaterThanOrEqualTo(115);

        var first = await DemoDataLoader.LoadAsync(fixture.Host.Services, NullLogger.Instance, CancellationToken.None);
        first.ShouldBe((file.Bodies.Count, file.Services.Count));
        var second = await DemoDataLoader.LoadAsync(fixture.Host.Services, NullLogger.Instance, CancellationToken.None);
        second.ShouldBe((0, 0));

        await using var session = fixture.Store.QuerySession();
        (await session.Query<CatalogueService>().CountAsync()).ShouldBe(file.Services.Count);
        (await session.Query<CatalogueBody>().CountAsync()).ShouldBe(file.Bodies.Count);
        var apostille = await session.LoadAsync<CatalogueService>("service:PM-001");
        apostille!.PassportOn(new DateOnly(2018, 6, 1))!.Passport.BodyCode.ShouldBe("VS");
        var karaganda = await session.LoadAsync<CatalogueBody>("body:AKIMAT-KAR");
        karaganda!.RegionCode.ShouldBe("KZ-KAR");
        var events = await session.Events.FetchStreamAsync("service:PM-001");
        events.Single().UserName.ShouldBe(DemoDataLoader.User);
    }
}

using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.DemoData;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Assessments;
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
        // The demo assessment (data/assessments) adds its example body DEMO-KAR and its two summary services.
        (await session.Query<CatalogueService>().CountAsync()).ShouldBe(file.Services.Count + 2);
        (await session.Query<CatalogueBody>().CountAsync()).ShouldBe(file.Bodies.Count + 1);
        var apostille = await session.LoadAsync<CatalogueService>("service:PM-001");
        apostille!.PassportOn(new DateOnly(2018, 6, 1))!.Passport.BodyCode.ShouldBe("VS");
        var karaganda = await session.LoadAsync<CatalogueBody>("body:AKIMAT-KAR");
        karaganda!.RegionCode.ShouldBe("KZ-KAR");
        // The territories (registered by the fixture with the same loader, so none is new here) and their parent chain.
        file.Territories.Count(t => t.Country == "KZ").ShouldBe(20);
        (await session.Query<CatalogueTerritory>().CountAsync()).ShouldBe(file.Territories.Count);
        (await session.LoadAsync<CatalogueTerritory>("territory:RU-KLU-KALUGA"))!.ParentCode.ShouldBe("RU-KLU");
        file.Bodies.Where(b => b.RegionCode is not null).ShouldAllBe(b => file.Territories.Any(t => t.Code == b.RegionCode));
        var events = await session.Events.FetchStreamAsync("service:PM-001");
        events.Single().UserName.ShouldBe(DemoDataLoader.User);

        // The Karaganda 2017 assessment is recorded step by step by the people named in the file, and published once.
        var assessment = await session.LoadAsync<AssessmentView>("assessment:DEMO-KAR:2017");
        var revision = assessment!.Revisions.ShouldHaveSingleItem();
        revision.Published.Scorecard.Final.ShouldBe(40.95m);
        revision.Published.Scorecard.Change.ShouldBe(1.95m);
        revision.PublishedBy.RecordedBy.ShouldBe("dana (assessor, demo data)");
        (await session.Events.FetchStreamAsync("inspection:DEMO-KAR-2017")).Select(e => e.UserName).Distinct().ShouldBe(["marat (inspector, demo data)"]);
    }
}

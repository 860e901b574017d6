using System.Net;
using Marten;
using Marten.Events;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Tests.Catalogue;

public sealed class TerritoryTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly CatalogueApi _admin = new(fixture.Client("admin", "alice"));

    private static string Unique() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static object Territory(string code, string country, string? parent = null, string? nameRu = null) => new
    {
        code, country, nameRu = nameRu ?? $"Территория {code}", nameKk = $"{code} аумағы", nameEn = $"Territory {code}", parentCode = parent,
    };

    private Task<HttpResponseMessage> Register(object territory) => _admin.Post("/api/catalogue/territories", territory);

    private static async Task<Dictionary<string, string>> Refused(Task<HttpResponseMessage> call) =>
        (await ApiFixture.Refusal(await call)).Errors.ToDictionary(e => e.Key, e => e.Value[0]);

    [Fact]
    public async Task A_country_s_territories_register_with_a_parent_chain_and_read_back_by_country_and_parent()
    {
        var id = Unique();
        var (region, district, town) = ($"BY-R{id}", $"BY-R{id}-D", $"BY-R{id}-D-T");
        var created = await Register(Territory(region, "BY"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldBe($"/api/catalogue/territories/{region}");
        await _admin.Created(Register(Territory(district, "BY", region)));
        await _admin.Created(Register(Territory(town, "BY", district)));

        var read = await fixture.GetAsync<CatalogueTerritory>($"/api/catalogue/territories/{town}", "analyst");
        (read.Code, read.Country, read.ParentCode, read.NameEn, read.Version).ShouldBe((town, "BY", district, $"Territory {town}", 1L));
        read.Names.ShouldHaveSingleItem().RecordedBy.RecordedBy.ShouldBe("alice (admin)");

        (await fixture.GetAsync<List<CatalogueTerritory>>($"/api/catalogue/territories?country=BY&parent={region}", "analyst"))
            .Select(t => t.Code).ShouldBe([district]);
        (await fixture.GetAsync<List<CatalogueTerritory>>("/api/catalogue/territories?country=BY", "analyst"))
            .Select(t => t.Code).ShouldContain(town);
        (await fixture.GetAsync<List<CatalogueTerritory>>("/api/catalogue/territories?country=ZZ", "analyst")).ShouldBeEmpty();
        (await Refused(_admin.Get("/api/catalogue/territories?countr=KZ"))).Keys.ShouldBe(["countr"]);
        // The fixture registers the territories of the catalogue file: Kazakhstan's and Russia's Kaluga region with its city.
        var underKaluga = (await fixture.GetAsync<List<CatalogueTerritory>>("/api/catalogue/territories?country=RU&parent=RU-KLU", "analyst"))
            .Select(t => t.Code).ToList();
        underKaluga.ShouldContain("RU-KLU-KALUGA");
        underKaluga.ShouldAllBe(c => c.StartsWith("RU-KLU-"));
        (await _admin.Get("/api/catalogue/territories/BY-NOPE")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await _admin.Post($"/api/catalogue/territories/{town}/rename", new
        {
            nameRu = "Новое имя", nameKk = (string?)null, nameEn = "New name", effectiveFrom = "2020-01-01", reason = "Переименован", expectedVersion = 1,
        })).EnsureSuccessStatusCode();
        var renamed = await fixture.GetAsync<CatalogueTerritory>($"/api/catalogue/territories/{town}", "analyst");
        (renamed.Code, renamed.NameRu, renamed.NameKk, renamed.Version).ShouldBe((town, "Новое имя", null, 2L));
        renamed.Names.Select(n => n.NameRu).ShouldBe([$"Территория {town}", "Новое имя"]);
        (await _admin.Post("/api/catalogue/territories/BY-NOPE/rename", new { nameRu = "x", effectiveFrom = "2020-01-01", reason = "r" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicates_unknown_parents_parents_abroad_and_bad_codes_are_refused_and_record_nothing()
    {
        var id = Unique();
        (await Register(Territory("KZ-KAR", "KZ"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Refused(Register(Territory($"KZ-A{id}", "KZ", $"KZ-NO{id}"))))["parentCode"].ShouldContain("not registered");
        (await Refused(Register(Territory($"RU-A{id}", "RU", "KZ-KAR"))))["parentCode"].ShouldContain("is in KZ, not in RU");
        (await Refused(Register(Territory($"kz-a{id}", "KZ"))))["code"].ShouldContain("ISO 3166-2");
        (await Refused(Register(Territory($"KAR{id}", "KZ"))))["code"].ShouldContain("ISO 3166-2");
        (await Refused(Register(Territory($"RU-B{id}", "KZ"))))["code"].ShouldContain("'KZ-'");
        (await Refused(Register(Territory($"KZ-C{id}", "Kazakhstan"))))["country"].ShouldContain("alpha-2");
        (await Refused(Register(new { code = $"KZ-D{id}", country = "KZ", nameRu = "" })))["nameRu"].ShouldNotBeNullOrEmpty();

        await using var session = fixture.Store.QuerySession();
        foreach (var code in new[] { $"KZ-A{id}", $"RU-A{id}", $"RU-B{id}", $"KZ-C{id}", $"KZ-D{id}" })
            (await session.Events.FetchStreamStateAsync($"territory:{code}")).ShouldBeNull(code);
        (await session.Events.FetchStreamAsync("territory:KZ-KAR")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_body_is_registered_in_a_russian_city_and_not_in_an_unregistered_territory()
    {
        var body = $"KLU-{Unique()}";
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body, "Local", region: "RU-KLU-KALUGA")));
        (await fixture.GetAsync<List<CatalogueBody>>("/api/catalogue/bodies?region=RU-KLU-KALUGA", "analyst")).Select(b => b.Code).ShouldContain(body);

        var stray = $"KLU-{Unique()}";
        (await Refused(_admin.RegisterBody(CatalogueApi.Body(stray, "Local", region: "RU-XXX"))))["regionCode"].ShouldContain("not a registered territory");
        (await Refused(_admin.RegisterBody(CatalogueApi.Body(stray, "Local", region: "Калуга"))))["regionCode"].ShouldContain("ISO 3166-2");
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"body:{stray}")).ShouldBeNull();
    }

    [Fact]
    public async Task Answers_name_registered_territories_and_ratings_by_region_take_their_names_from_the_catalogue()
    {
        var id = Unique();
        var territory = $"RU-KLU-Z{id}";
        await _admin.Created(Register(Territory(territory, "RU", "RU-KLU", "Посёлок до переименования")));
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body($"B{id}")));
        await _admin.Created(_admin.RegisterService(new { code = $"S{id}", nameRu = "Услуга", passport = CatalogueApi.Passport($"B{id}", channels: ["Body"]) }));
        var analyst = fixture.Client("analyst");
        var campaign = $"C{id}";
        (await analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна в Калуге", period = 2019, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByMeanThenTopBox",
            methodology = "KZ-2018", smallSampleThreshold = 1, criteria = Array.Empty<string>(), services = new[] { $"S{id}" },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        Task<HttpResponseMessage> Answer(string responseId, string region, int overall) =>
            analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(new
            {
                responseId, serviceCode = $"S{id}", regionCode = region, channels = new[] { "Body" }, overall, metStaff = false, complaint = "No",
            }));

        (await Refused(Answer("r-0", "RU-KLU-NOWHERE", 5)))["response.regionCode"].ShouldBe("'RU-KLU-NOWHERE' is not a registered territory code");
        (await Answer("r-1", territory, 5)).EnsureSuccessStatusCode();
        (await Answer("r-2", "RU-KLU-KALUGA", 4)).EnsureSuccessStatusCode();

        // A rename after the answers shows in the ratings: the names are read from the catalogue when the ratings are asked for.
        (await _admin.Post($"/api/catalogue/territories/{territory}/rename", new
        {
            nameRu = "Посёлок после переименования", effectiveFrom = "2020-01-01", reason = "Переименован",
        })).EnsureSuccessStatusCode();
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var ratings = await ApiFixture.ReadJson(await analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=region"));
        var names = ratings.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("name").GetString());
        names.ShouldBe(new Dictionary<string, string?> { [territory] = "Посёлок после переименования", ["RU-KLU-KALUGA"] = "город Калуга" }, ignoreOrder: true);
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"response:{campaign}:r-0")).ShouldBeNull();
    }
}

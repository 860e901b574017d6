using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Catalogue;
using System.Net;
using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Catalogue;

public sealed class CatalogueTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly CatalogueApi _admin = new(fixture.Client("admin", "alice"));
    private readonly CatalogueApi _analyst = new(fixture.Client("analyst"));

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();

    [Fact]
    public async Task A_registered_service_reads_back_with_its_passport_and_who_recorded_it()
    {
        var body = Unique("MJ");
        var code = Unique("S");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        await _admin.Created(_admin.RegisterService(CatalogueApi.Service(code, body, termDays: 5)));

        var service = await fixture.GetAsync<CatalogueService>($"/api/catalogue/services/{code}", "analyst");
        (service.Code, service.NameRu, service.Version).ShouldBe((code, $"Услуга {code}", 1L));
        var revision = service.Passports[0];
        revision.Passport.BodyCode.ShouldBe(body);
        revision.Passport.StandardTerm!.Value.ShouldBe(5m);
        revision.Passport.Channels.ShouldBe([Channel.Body, Channel.StateCorporation, Channel.EGov]);
        revision.RecordedBy.StreamKey.ShouldBe($"service:{code}");
        revision.RecordedBy.RecordedBy.ShouldBe("alice (admin)");
        revision.RecordedBy.CorrelationId.ShouldNotBeNullOrEmpty();

        (await fixture.GetAsync<List<CatalogueService>>($"/api/catalogue/services?body={body}", "analyst")).Select(s => s.Code).ShouldBe([code]);
    }

    [Fact]
    public async Task The_passport_valid_on_a_date_follows_effective_dates_and_corrections_and_retirement()
    {
        var body = Unique("MZ");
        var code = Unique("S");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        await _admin.Created(_admin.RegisterService(CatalogueApi.Service(code, body, termDays: 30)));

        // The term is cut from 30 to 10 days from 1 July 2018, then that change is corrected to 12 days.
        (await _admin.Post($"/api/catalogue/services/{code}/passport",
            new { passport = CatalogueApi.Passport(body, 10, "2018-07-01"), reason = "Приказ о сокращении срока" })).EnsureSuccessStatusCode();
        var corrected = await _admin.Post($"/api/catalogue/services/{code}/passport",
            new { passport = CatalogueApi.Passport(body, 12, "2018-07-01"), reason = "Опечатка в сроке", expectedVersion = 2 });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        (await ApiFixture.ReadJson(corrected)).GetProperty("version").GetInt64().ShouldBe(3);

        async Task<decimal?> TermOn(string date)
        {
            var response = await _analyst.Get($"/api/catalogue/services/{code}/passport?on={date}");
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var json = await ApiFixture.ReadJson(response);
            return json.GetProperty("revision").GetProperty("passport").GetProperty("standardTerm").GetProperty("value").GetDecimal();
        }

        (await TermOn("2016-12-31")).ShouldBeNull();
        (await TermOn("2017-01-01")).ShouldBe(30m);
        (await TermOn("2018-06-30")).ShouldBe(30m);
        (await TermOn("2018-07-01")).ShouldBe(12m);
        (await TermOn("2019-03-01")).ShouldBe(12m);

        (await _admin.Post($"/api/catalogue/services/{code}/retire", new { retiredOn = "2020-01-01", reason = "Исключена из реестра" }))
            .EnsureSuccessStatusCode();
        (await TermOn("2019-12-31")).ShouldBe(12m);
        (await TermOn("2020-01-01")).ShouldBeNull();

        // The full history stays readable: three passports in effective-date order, the correction last.
        var service = await _analyst.GetJson($"/api/catalogue/services/{code}");
        service.GetProperty("passports").EnumerateArray()
            .Select(p => p.GetProperty("passport").GetProperty("standardTerm").GetProperty("value").GetDecimal())
            .ShouldBe([30m, 10m, 12m]);
        service.GetProperty("retiredOn").GetString().ShouldBe("2020-01-01");
    }

    [Fact]
    public async Task An_invalid_service_gets_400_naming_each_field_and_changes_nothing()
    {
        var body = Unique("MF");
        var code = Unique("S");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));

        var response = await _admin.RegisterService(new
        {
            code, nameRu = "",
            passport = new { bodyCode = body, level = "Central", channels = Array.Empty<string>(), standardTerm = new { value = -3, unit = "WorkingDays" }, paid = false, effectiveFrom = "2017-01-01" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await ApiFixture.Refusal(response)).Errors;
        errors.ShouldContainKey("nameRu");
        errors["passport.channels"][0].ShouldContain("at least one channel");
        errors.ShouldContainKey("passport.standardTerm.value");

        (await _analyst.Get($"/api/catalogue/services/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"service:{code}")).ShouldBeNull();
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_json_field()
    {
        var body = Unique("MF");
        var response = await _admin.RegisterService(new
        {
            code = Unique("S"), nameRu = "Услуга",
            passport = new { bodyCode = body, level = "Central", channels = new[] { "Pigeon" }, paid = false, effectiveFrom = "2017-01-01" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(response)).Errors.Keys.ShouldBe(["passport.channels[0]"]);
    }

    [Fact]
    public async Task A_service_of_an_unknown_or_mismatched_body_is_refused_on_that_field()
    {
        var response = await _admin.RegisterService(CatalogueApi.Service(Unique("S"), "NO-SUCH-BODY"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(response)).Errors["passport.bodyCode"][0]
            .ShouldContain("unknown state body");

        var local = Unique("AKIMAT");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(local, "Local", region: "KZ-KAR")));
        var mismatch = await _admin.RegisterService(CatalogueApi.Service(Unique("S"), local));
        mismatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(mismatch)).Errors.ShouldContainKey("passport.level");
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_409_and_changes_nothing()
    {
        var body = Unique("MVD");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        (await _admin.Post($"/api/catalogue/bodies/{body}/rename",
            new { nameRu = "Новое имя", effectiveFrom = "2018-01-01", reason = "Переименование", expectedVersion = 1 })).EnsureSuccessStatusCode();

        var stale = await _admin.Post($"/api/catalogue/bodies/{body}/rename",
            new { nameRu = "Другое имя", effectiveFrom = "2018-02-01", reason = "Переименование", expectedVersion = 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiFixture.ReadJson(stale)).GetProperty("status").GetInt32().ShouldBe(409);

        var read = await _analyst.GetJson($"/api/catalogue/bodies/{body}");
        read.GetProperty("nameRu").GetString().ShouldBe("Новое имя");
        read.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Of_two_concurrent_changes_from_the_same_version_exactly_one_wins()
    {
        var body = Unique("MON");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        var attempts = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            _admin.Post($"/api/catalogue/bodies/{body}/rename",
                new { nameRu = $"Имя {i}", effectiveFrom = "2018-01-01", reason = "Гонка", expectedVersion = 1 })));
        attempts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync($"body:{body}");
        events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Registering_the_same_code_twice_is_a_409()
    {
        var body = Unique("GP");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        var again = await _admin.RegisterBody(CatalogueApi.Body(body));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var missing = await _analyst.Get("/api/catalogue/services/NOPE-404");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _admin.Post("/api/catalogue/services/NOPE-404/rename",
            new { nameRu = "X", effectiveFrom = "2018-01-01", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _analyst.Get("/api/catalogue/bodies/NOPE-404")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reparenting_a_body_under_its_own_descendant_is_refused()
    {
        var top = Unique("AKIMAT");
        var unit = Unique("DEPT");
        var sub = Unique("RAYON");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(top, "Local", region: "KZ-KAR")));
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(unit, "Local", parent: top, region: "KZ-KAR")));
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(sub, "Local", parent: unit, region: "KZ-KAR")));

        var cycle = await _admin.Post($"/api/catalogue/bodies/{top}/reparent", new { parentCode = sub, effectiveFrom = "2018-01-01", reason = "r" });
        cycle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(cycle)).Errors.ShouldContainKey("parentCode");

        (await _admin.Post($"/api/catalogue/bodies/{sub}/reparent", new { parentCode = top, effectiveFrom = "2018-01-01", reason = "Реорганизация" }))
            .EnsureSuccessStatusCode();
        var children = await _analyst.GetJson($"/api/catalogue/bodies?parent={top}");
        children.EnumerateArray().Select(b => b.GetProperty("code").GetString()).OrderBy(x => x).ShouldBe(new[] { unit, sub }.OrderBy(x => x));
        var moved = await _analyst.GetJson($"/api/catalogue/bodies/{sub}");
        moved.GetProperty("parents").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_retired_body_cannot_own_new_services_nor_be_retired_again()
    {
        var body = Unique("MSH");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        (await _admin.Post($"/api/catalogue/bodies/{body}/retire", new { retiredOn = "2019-06-01", reason = "Упразднён" })).EnsureSuccessStatusCode();
        (await _admin.Post($"/api/catalogue/bodies/{body}/retire", new { retiredOn = "2019-07-01", reason = "Снова" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var refused = await _admin.RegisterService(CatalogueApi.Service(Unique("S"), body));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(refused)).Errors["passport.bodyCode"][0].ShouldContain("retired");
    }

    [Fact]
    public async Task The_audit_trail_of_a_stream_lists_every_event_with_its_recorder()
    {
        var body = Unique("MIR");
        await _admin.Created(_admin.RegisterBody(CatalogueApi.Body(body)));
        (await _admin.Post($"/api/catalogue/bodies/{body}/rename", new { nameRu = "Новое", effectiveFrom = "2018-01-01", reason = "Указ" }))
            .EnsureSuccessStatusCode();

        var auditor = new CatalogueApi(fixture.Client("auditor"));
        var events = await auditor.GetJson($"/api/audit/streams/body:{body}/events");
        events.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ShouldBe(["state_body_registered", "state_body_renamed"]);
        events.EnumerateArray().ShouldAllBe(e => e.GetProperty("recordedBy").GetString() == "alice (admin)");
        events[1].GetProperty("data").GetProperty("reason").GetString().ShouldBe("Указ");
        events[1].GetProperty("sequence").GetInt64().ShouldBeGreaterThan(events[0].GetProperty("sequence").GetInt64());

        var asOfFirst = await auditor.GetJson($"/api/audit/streams/body:{body}/events?asOf={Uri.EscapeDataString(events[0].GetProperty("recordedAt").GetString()!)}");
        asOfFirst.GetArrayLength().ShouldBe(1);
    }
}

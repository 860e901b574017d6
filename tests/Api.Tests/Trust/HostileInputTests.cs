using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Marten.Events;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Trust;

/// <summary>
/// The reproductions of "Trust I", each run again: refused with a 4xx ProblemDetails naming the field, and the event
/// store unchanged (count and highest sequence), or, for the respondent counted three times, counted once.
/// </summary>
public sealed class HostileInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _analyst = fixture.Client("analyst", "aigerim");
    private readonly HttpClient _admin = fixture.Client("admin");
    private readonly HttpClient _inspector = fixture.Client("inspector", "nurlan");
    private readonly HttpClient _assessor = fixture.Client("assessor", "saule");

    /// <summary>
    /// Count and highest sequence of the recorded events. Marten's tombstones are left out: they mark the sequence
    /// numbers of an append the database rolled back (a lost race for a key), and carry no data.
    /// </summary>
    private async Task<(long Events, long Sequence)> StoreState()
    {
        await using var session = fixture.Store.QuerySession();
        var events = session.Events.QueryAllRawEvents().Where(e => e.StreamKey != "mt_tombstone");
        return (await events.CountAsync(), await events.AnyAsync() ? await events.MaxAsync(e => e.Sequence) : 0);
    }

    /// <summary>Sends a hostile request: a 4xx ProblemDetails naming <paramref name="field"/> (when given), and nothing written.</summary>
    private async Task<JsonElement> Refused(Func<Task<HttpResponseMessage>> send, string? field = null, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var before = await StoreState();
        var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        if (field is not null) problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"'{field}' not named in {text}");
        var after = await StoreState();
        if (after != before)
        {
            var added = await fixture.Store.QuerySession().Events.QueryAllRawEvents().Where(e => e.Sequence > before.Sequence && e.StreamKey != "mt_tombstone").ToListAsync();
            after.ShouldBe(before, $"a refused request changed the event store: {string.Join(", ", added.Select(e => $"{e.StreamKey} {e.EventTypeName}"))}");
        }
        return problem;
    }

    private static StringContent Json(string raw) => ApiFixture.RawJson(raw);

    /// <summary>The default methodology is published by a hosted service after start: let it land before counting events.</summary>
    private async Task DefaultMethodologyPublished()
    {
        for (var i = 0; i < 100 && (await _analyst.GetAsync("/api/methodologies/KZ-2017")).StatusCode != HttpStatusCode.OK; i++)
            await Task.Delay(100);
    }

    private async Task<(string Body, string Service, string Campaign)> SetUpAsync()
    {
        await DefaultMethodologyPublished();
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(_admin);
        var body = $"H{id}";
        var service = $"HS{id}";
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body)));
        await admin.Created(admin.RegisterService(new { code = service, nameRu = "Услуга", passport = CatalogueApi.Passport(body, channels: ["Body", "EGov"]) }));
        var campaign = $"HC{id}";
        (await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна", period = 2019, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByTopBoxShare",
            methodology = "KZ-2018", criteria = new[] { "Trust" }, services = new[] { service },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (body, service, campaign);
    }

    private static string Answer(string id, string service, string extra = "") =>
        $$"""{"responseId":"{{id}}","serviceCode":"{{service}}","regionCode":"KZ-KAR","channels":["Body"],"overall":5{{extra}}}""";

    private Task<HttpResponseMessage> Import(string campaign, string csv) =>
        _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task One_respondent_counts_once_whichever_way_the_answer_comes()
    {
        var (_, service, campaign) = await SetUpAsync();
        var lf = $"response_id,service,region,channels,overall\nonce-1,{service},KZ-KAR,Body,5\n";
        var first = await ApiFixture.ReadJson(await Import(campaign, lf));
        first.GetProperty("imported").GetInt32().ShouldBe(1);

        // The same answers with CRLF line endings and a byte-order mark: already recorded, not counted.
        var crlf = await Import(campaign, "\uFEFF" + lf.Replace("\n", "\r\n"));
        crlf.StatusCode.ShouldBe(HttpStatusCode.OK, await crlf.Content.ReadAsStringAsync());
        var again = await ApiFixture.ReadJson(crlf);
        again.GetProperty("imported").GetInt32().ShouldBe(0);
        again.GetProperty("alreadyImported").GetInt32().ShouldBe(1);

        // The same id as a single answer: 409 "already recorded".
        var single = await Refused(() => _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", Json(Answer("once-1", service))),
            status: HttpStatusCode.Conflict);
        single.GetProperty("title").GetString().ShouldBe("Already recorded");

        // A different file carrying the same id with another answer: still counted once.
        var other = await ApiFixture.ReadJson(await Import(campaign, $"overall,response_id,service,region,channels\n1,once-1,{service},KZ-KAR,EGov\n"));
        other.GetProperty("imported").GetInt32().ShouldBe(0);

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var total = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total"))).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_kazakh_response_id_is_recorded_and_answered_201_and_a_bidi_override_is_refused()
    {
        var (_, service, campaign) = await SetUpAsync();
        var created = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", Json(Answer("жауап-1", service)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.ShouldContain("%D0%B6");
        await Refused(() => _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", Json(Answer("r\u202E1", service))), "response.responseId");
    }

    [Fact]
    public async Task Control_characters_are_refused_in_bodies_files_and_paths_and_an_import_stays_all_or_nothing()
    {
        var (body, service, campaign) = await SetUpAsync();
        await Refused(() => _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", Json(Answer("nul-1", service, ",\"unitCode\":\"U\\u0000\""))),
            "response.unitCode");
        await Refused(() => _admin.PostAsync($"/api/catalogue/bodies/{body}/rename", Json("""{"nameRu":"Орган\u0000","effectiveFrom":"2018-01-01","reason":"r"}""")), "nameRu");

        var csv = new StringBuilder("response_id,service,region,channels,overall,unit\n");
        for (var i = 1; i <= 3_000; i++) csv.Append($"nul-row-{i},{service},KZ-KAR,Body,5,{(i == 2_500 ? "U\0" : "U")}\n");
        var problem = await Refused(() => Import(campaign, csv.ToString()), "rows[2501].unitCode");
        problem.GetProperty("report").GetProperty("imported").GetInt32().ShouldBe(0);

        // (%00 itself is refused by the in-process test client before it is sent; the guard treats both alike.)
        var path = await _admin.GetAsync("/api/catalogue/bodies/A%E2%80%AEB");
        path.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(path)).Errors.ShouldContainKey("path");
    }

    [Fact]
    public async Task Nulls_and_wrong_shapes_are_400s_naming_the_field()
    {
        var (body, service, campaign) = await SetUpAsync();
        var steward = fixture.Client("steward", "dana", body);
        await Refused(() => steward.PostAsync("/api/reports/deliveries", Json($$"""
            {"reference":"R1","source":"BodyReport","bodyCode":"{{body}}","period":2017,"lines":null,"lateDataSubmissions":0}
            """)), "lines");
        await Refused(() => _analyst.PostAsync("/api/surveys/published", Json("""
            {"campaign":{"code":"PUB-X","period":2017,"kind":"NationalPublicMonitoring","scale":5,"rankingRule":"ByTopBoxShare"},"services":null}
            """)), "services");
        var fourCounts = await Refused(() => _analyst.PostAsync("/api/surveys/published", Json($$$"""
            {"campaign":{"code":"PUB-Y","period":2019,"kind":"NationalPublicMonitoring","scale":5,"rankingRule":"ByTopBoxShare"},
             "services":[{"serviceCode":"{{{service}}}","overall":{"counts":[1,2,3,4],"hardToAnswer":0}}]}
            """)), "services[0].overall.counts");
        (await _analyst.GetAsync("/api/surveys/campaigns/PUB-Y")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Refused(() => _analyst.PostAsync("/api/surveys/published", Json($$$"""
            {"campaign":{"code":"PUB-Z","period":2019,"kind":"NationalPublicMonitoring","scale":5,"rankingRule":"ByTopBoxShare"},
             "services":[{"serviceCode":"{{{service}}}","overall":{"counts":[-1000,0,0,0,10],"hardToAnswer":0}}]}
            """)), "services[0].overall.counts");
        await Refused(() => _analyst.PostAsync("/api/methodologies/KZ-2017/score", Json("""{"inputs":null}""")), "inputs");
        await Refused(() => Import(campaign, $"r1,{service},KZ-KAR,Body,5\nr2,{service},KZ-KAR,Body,4\n"), "rows[1].header");
    }

    [Fact]
    public async Task Invalid_values_are_refused_not_stored()
    {
        var (body, service, campaign) = await SetUpAsync();
        var responses = $"/api/surveys/campaigns/{campaign}/responses";
        await Refused(() => _analyst.PostAsync(responses, Json(Answer("bad-1", service, ",\"complaint\":12345"))), "complaint");
        await Refused(() => _analyst.PostAsync(responses, Json(Answer("bad-2", service, ",\"gender\":999"))), "gender");
        await Refused(() => _analyst.PostAsync(responses, Json(Answer("bad-3", service, ",\"ageBand\":7"))), "ageBand");
        await Refused(() => _analyst.PostAsync(responses, Json(Answer("bad-4", service, $",\"unitCode\":\"{new string('u', 5_000)}\""))), "response.unitCode");

        // Missing enums are not silently defaulted.
        await Refused(() => _admin.PostAsync("/api/catalogue/bodies", Json("""{"code":"NOLEVEL","nameRu":"Орган","effectiveFrom":"2017-01-01"}""")), "level");
        await Refused(() => _admin.PostAsync("/api/catalogue/bodies", Json($$"""{"code":"BIGNAME","nameRu":"{{new string('я', 1_000_000)}}","level":"Central","effectiveFrom":"2017-01-01"}""")), "nameRu");
        await Refused(() => _admin.PostAsync("/api/catalogue/bodies", Json("""{"code":"OLD","nameRu":"Орган","level":"Central","effectiveFrom":"0001-01-01"}""")), "effectiveFrom");
        await Refused(() => _admin.PostAsync("/api/catalogue/bodies", Json("""{"code":"FUT","nameRu":"Орган","level":"Central","effectiveFrom":"9999-12-31"}""")), "effectiveFrom");

        var inspection = $"INS-{Guid.NewGuid():N}"[..16];
        (await _inspector.PostAsync("/api/inspections", ApiFixture.JsonBody(new
        {
            inspectionId = inspection, bodyCode = body, kind = "Planned", services = new[] { service },
            periodFrom = "2017-01-01", periodTo = "2017-12-31", legalBasis = "План", openedOn = "2018-02-01",
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _inspector.PostAsync($"/api/inspections/{inspection}/violations", ApiFixture.JsonBody(new
        {
            violationId = "v1", type = "IncompletePackage", serviceCode = service, period = 2017, count = 5, evidence = "Акт",
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Refused(() => _inspector.PostAsync($"/api/inspections/{inspection}/violations/v1/correct", Json("""{"count":4,"reason":"пересчёт"}""")), "type");
    }

    [Fact]
    public async Task A_methodology_version_that_cannot_score_is_not_published()
    {
        await DefaultMethodologyPublished();
        var good = JsonSerializer.Serialize(Monitoring.Domain.Methodology.Kz2017.Version with { Code = "HOSTILE-OK" }, ApiFixture.Json);
        string Broken(string code, Func<string, string> change) => change(good.Replace("\"HOSTILE-OK\"", $"\"{code}\""));
        async Task Publish(string version, string field) =>
            await Refused(() => _assessor.PostAsync("/api/methodologies", Json($$"""{"version":{{version}},"reason":"x"}""")), field);

        await Publish(Broken("HOSTILE-1", v => System.Text.RegularExpressions.Regex.Replace(v, "\"ratingBands\":\\[.*?\\]", "\"ratingBands\":[null]")), "version.ratingBands[0]");
        await Publish(Broken("HOSTILE-2", v => v.Replace("\"code\":\"1\"", "\"code\":\"\"")), "version.criteria[0].code");
        await Publish(Broken("HOSTILE-3", v => v.Replace("\"code\":\"1.1\"", "\"code\":null")), "version.criteria[0].indicators[0].code");
        await Publish(Broken("HOSTILE-4", v => System.Text.RegularExpressions.Regex.Replace(v, "\"penaltyCap\":[0-9.]+", "\"penaltyCap\":9200000000000000000")), "version.penaltyCap");
        (await _assessor.GetAsync("/api/methodologies/HOSTILE-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var ok = await _assessor.PostAsync("/api/methodologies", Json($$"""{"version":{{good}},"reason":"control"}"""));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Eight_inspectors_recording_into_one_inspection_all_get_through_and_a_stale_version_is_a_409()
    {
        var (body, service, _) = await SetUpAsync();
        var inspection = $"INS-{Guid.NewGuid():N}"[..16];
        (await _inspector.PostAsync("/api/inspections", ApiFixture.JsonBody(new
        {
            inspectionId = inspection, bodyCode = body, kind = "Planned", services = new[] { service },
            periodFrom = "2017-01-01", periodTo = "2017-12-31", legalBasis = "План", openedOn = "2018-02-01",
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var inspectors = Enumerable.Range(1, 8).Select(i => fixture.Client("inspector", $"inspector-{i}")).ToArray();
        // Eight at once, each recording five violations one after another, none sending an expectedVersion.
        var results = (await Task.WhenAll(inspectors.Select(async (client, k) =>
        {
            var mine = new List<HttpResponseMessage>();
            for (var j = 0; j < 5; j++)
                mine.Add(await client.PostAsync($"/api/inspections/{inspection}/violations", ApiFixture.JsonBody(new
                {
                    violationId = $"c{k * 5 + j}", type = "DeadlineBreach", serviceCode = service, period = 2017, count = 1, evidence = "Акт",
                })));
            return mine;
        }))).SelectMany(r => r).ToList();
        foreach (var r in results) r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var view = await ApiFixture.ReadJson(await _inspector.GetAsync($"/api/inspections/{inspection}"));
        view.GetProperty("violations").GetArrayLength().ShouldBe(40);

        var stale = await Refused(() => _inspector.PostAsync($"/api/inspections/{inspection}/violations/c1/revoke",
            ApiFixture.JsonBody(new { reason = "ошибка", expectedVersion = 1 })), status: HttpStatusCode.Conflict);
        stale.GetProperty("detail").GetString()!.ShouldContain("expectedVersion is stale");
    }
}

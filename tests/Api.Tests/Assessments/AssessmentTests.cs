using System.Net;
using Marten.Events;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Assessments;

/// <summary>
/// Acceptance of the assessment: the Karaganda 2017 conclusion (seed 003) reproduced end to end through the API from
/// recorded events — 25 + 0 + 7.95 + 8 − 0 = 40.95, +1.95 against 2016's 39 — explained down to its events, published,
/// then moved by a violation revoked after publication while the published revision and the as-of view stay as published.
/// </summary>
public sealed class AssessmentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _assessor = fixture.Client("assessor", "dana");
    private readonly HttpClient _auditor = fixture.Client("auditor", "erlan");

    private static decimal[] CriterionPoints(JsonElement scorecard) =>
        scorecard.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("points").GetDecimal()).ToArray();

    private static async Task<JsonElement> Ok(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(r);
    }

    private async Task<KaragandaScenario> OpenKaragandaAsync()
    {
        var k = await KaragandaScenario.RecordEvidenceAsync(fixture);
        await k.RecordSurveyAsync(fixture);
        var opened = await _assessor.PostAsync("/api/assessments", ApiFixture.JsonBody(new
        {
            bodyCode = k.Body, period = 2017, methodologyCode = "KZ-2017", previousFinal = 39, previousFinalSource = "Заключение за 2016 год",
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        (await k.Steward.PostAsync($"/api/assessments/{k.Body}/2017/measures", ApiFixture.JsonBody(new
        {
            ownMonitoringHeld = true, measuresAdopted = true, description = "Внутренний мониторинг удовлетворённости и план мероприятий",
            documentReference = "Приказ № 12 от 10.03.2017",
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _assessor.PostAsync($"/api/assessments/{k.Body}/2017/measures/recognition", ApiFixture.JsonBody(new
        {
            recognised = true, reason = "План утверждён, мероприятия исполнены",
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return k;
    }

    [Fact]
    public async Task Karaganda_2017_is_reproduced_explained_published_and_stays_published_when_a_violation_is_revoked()
    {
        var k = await OpenKaragandaAsync();
        var url = $"/api/assessments/{k.Body}/2017";

        var live = await Ok(await _auditor.GetAsync(url));
        var scorecard = live.GetProperty("scorecard");
        CriterionPoints(scorecard).ShouldBe([25m, 0m, 7.95m, 8m]);
        scorecard.GetProperty("sum").GetDecimal().ShouldBe(40.95m);
        scorecard.GetProperty("penalty").GetDecimal().ShouldBe(0m);
        scorecard.GetProperty("final").GetDecimal().ShouldBe(40.95m);
        scorecard.GetProperty("change").GetDecimal().ShouldBe(1.95m);
        scorecard.GetProperty("changePercent").GetDecimal().ShouldBe(5m);
        scorecard.GetProperty("rating").GetString().ShouldBe("неэффективно");
        live.GetProperty("status").GetString().ShouldBe("open");
        live.GetProperty("surveyEvidenceComplete").GetBoolean().ShouldBeTrue();
        live.GetProperty("methodology").GetProperty("reconstructed").GetBoolean().ShouldBeTrue();

        // Explain: indicator → formula and parameters → inputs → the events behind each input, with who recorded them.
        var explained = await Ok(await _auditor.GetAsync($"{url}/explain?figure=1.1"));
        var share = explained.GetProperty("indicators")[0].GetProperty("inputs")[0];
        share.GetProperty("value").GetDecimal().ShouldBe(0.585m);
        share.GetProperty("events")[0].GetProperty("stream").GetString()!.ShouldStartWith($"import:NPM2017-{k.Body}:");
        share.GetProperty("events")[0].GetProperty("recordedBy").GetString().ShouldBe("aigerim (analyst)");
        share.GetProperty("events")[0].GetProperty("eventType").GetString().ShouldBe("survey_responses_imported");
        explained.GetProperty("indicators")[0].GetProperty("points").GetDecimal().ShouldBe(20m);
        explained.GetProperty("indicators")[0].GetProperty("raw").GetDecimal().ShouldBe(20.475m);

        var deadlines = await Ok(await _auditor.GetAsync($"{url}/explain?figure=2"));
        var d = deadlines.GetProperty("indicators")[0];
        d.GetProperty("formula").GetString().ShouldBe("DeadlineShareWithImprovementBonus");
        d.GetProperty("parameters").GetProperty("vMax").GetDecimal().ShouldBe(0.0005m);
        var inputs = d.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        inputs["deadlines.late"].GetProperty("value").GetDecimal().ShouldBe(766m);
        inputs["deadlines.counted"].GetProperty("value").GetDecimal().ShouldBe(1_113_538m);
        inputs["deadlines.previousLate"].GetProperty("value").GetDecimal().ShouldBe(184m);
        var lateEvents = inputs["deadlines.late"].GetProperty("events").EnumerateArray().ToList();
        lateEvents.Select(e => e.GetProperty("source").GetString()).ShouldBe(["BodyReport", "InformationSystem", "Inspection"], ignoreOrder: true);
        lateEvents.Single(e => e.GetProperty("source").GetString() == "Inspection").GetProperty("recordedBy").GetString().ShouldBe("marat (inspector)");
        inputs["deadlines.counted"].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("stream").GetString())
            .ShouldContain($"service:{k.OneDay}");
        var link = lateEvents[0].GetProperty("link").GetString()!;
        var linked = await Ok(await _auditor.GetAsync(link));
        linked.GetArrayLength().ShouldBe(1);
        linked[0].GetProperty("sequence").GetInt64().ShouldBe(lateEvents[0].GetProperty("sequence").GetInt64());

        // An input asked for by name: its events, and the indicators that read it (2.1 and 4.1 both read the late deliveries).
        var byInput = await Ok(await _auditor.GetAsync($"{url}/explain?figure=deadlines.late"));
        byInput.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe(["2.1", "4.1"]);
        byInput.GetProperty("otherInputs")[0].GetProperty("value").GetDecimal().ShouldBe(766m);

        var quality = await Ok(await _auditor.GetAsync($"{url}/explain?figure=3.1"));
        var refusals = quality.GetProperty("indicators")[0].GetProperty("inputs")[0];
        refusals.GetProperty("value").GetDecimal().ShouldBe(8m);
        refusals.GetProperty("events")[0].GetProperty("eventType").GetString().ShouldBe("internal_control_report_submitted");
        quality.GetProperty("indicators")[0].GetProperty("points").GetDecimal().ShouldBe(2.95m);

        // Publish revision 1: frozen with its inputs and content hash.
        var published = await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { }));
        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var revision1 = await Ok(await _auditor.GetAsync($"{url}/revisions/1"));
        revision1.GetProperty("published").GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(40.95m);
        revision1.GetProperty("published").GetProperty("contentHash").GetString()!.Length.ShouldBe(64);
        var publishedAt = revision1.GetProperty("publishedBy").GetProperty("recordedAt").GetDateTimeOffset();

        // The inspector revokes the business-process violations after publication: live moves, the revision does not.
        (await fixture.Client("inspector", "marat").PostAsync($"/api/inspections/{k.Body}-2017/violations/b/revoke",
            ApiFixture.JsonBody(new { reason = "Акт отменён судом" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await Ok(await _auditor.GetAsync(url));
        after.GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(43.95m);
        after.GetProperty("changedSinceLatestRevision").GetBoolean().ShouldBeTrue();
        after.GetProperty("latestRevision").GetProperty("final").GetDecimal().ShouldBe(40.95m);
        (await Ok(await _auditor.GetAsync($"{url}/revisions/1"))).GetProperty("published").GetProperty("scorecard").GetProperty("final").GetDecimal()
            .ShouldBe(40.95m);

        // The ratings as known at a moment: the body's answers were all in by publication, none in 2000.
        var slice = await Ok(await _auditor.GetAsync($"/api/surveys/slice?body={k.Body}&groupBy=body&asOf={Uri.EscapeDataString(publishedAt.ToString("O"))}"));
        slice[0].GetProperty("figures").GetProperty("raters").GetInt64().ShouldBe(200);
        (await Ok(await _auditor.GetAsync($"/api/surveys/slice?body={k.Body}&groupBy=body&asOf=2000-01-01T00:00:00Z"))).GetArrayLength().ShouldBe(0);

        // As of the publication moment: the published figures.
        var asOf = await Ok(await _auditor.GetAsync($"{url}?asOf={Uri.EscapeDataString(publishedAt.ToString("O"))}"));
        asOf.GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(40.95m);
        CriterionPoints(asOf.GetProperty("scorecard")).ShouldBe([25m, 0m, 7.95m, 8m]);
        asOf.GetProperty("contentHash").GetString().ShouldBe(revision1.GetProperty("published").GetProperty("contentHash").GetString());

        // What changed since publication, and which event changed it.
        var diff = await Ok(await _auditor.GetAsync($"{url}/diff?fromRevision=1"));
        var figures = diff.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("figure").GetString()!);
        figures["3.4"].GetProperty("to").GetDecimal().ShouldBe(3m);
        figures["final"].GetProperty("from").GetDecimal().ShouldBe(40.95m);
        figures["final"].GetProperty("to").GetDecimal().ShouldBe(43.95m);
        var changedBy = diff.GetProperty("events").EnumerateArray().Single();
        changedBy.GetProperty("eventType").GetString().ShouldBe("violation_revoked");
        changedBy.GetProperty("recordedBy").GetString().ShouldBe("marat (inspector)");

        // History of 3.4: 3 with nothing recorded, 0 once the violations were recorded, 3 again after the revocation.
        var history = await Ok(await _auditor.GetAsync($"{url}/history?figure=3.4"));
        history.GetProperty("current").GetDecimal().ShouldBe(3m);
        var changes = history.GetProperty("changes").EnumerateArray().ToList();
        changes.Last().GetProperty("event").GetProperty("eventType").GetString().ShouldBe("violation_revoked");
        changes.Select(c => c.GetProperty("to").GetDecimal()).TakeLast(2).ShouldBe([0m, 3m]);

        // A revision needs a reason; with it, revision 2 freezes 43.95 and revision 1 stays readable.
        var noReason = await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { }));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.ReadJson(noReason)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { reason = "Отмена акта проверки судом" })))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { reason = "Ещё раз" }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var revisions = await Ok(await _auditor.GetAsync($"{url}/revisions"));
        revisions.EnumerateArray().Select(r => r.GetProperty("final").GetDecimal()).ShouldBe([40.95m, 43.95m]);

        // The conclusion document of revision 1, in the shape of seed 003.
        var markdown = await (await _auditor.GetAsync($"{url}/revisions/1/conclusion?format=md")).Content.ReadAsStringAsync();
        markdown.ShouldContain("| 3 | Обеспечение качества оказания услуг | 7,95 | 17 |");
        markdown.ShouldContain("|  | Итоговая оценка с учетом вычета штрафных баллов | 40,95 | 100 |");
        markdown.ShouldContain("изменение +1,95 балла (+5%)");
        var html = await _auditor.GetAsync($"{url}/revisions/1/conclusion");
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await html.Content.ReadAsStringAsync()).ShouldContain("<td class=\"n\">40,95</td>");
    }

    [Fact]
    public async Task What_if_rescores_under_another_version_without_touching_the_published_result()
    {
        var k = await OpenKaragandaAsync();
        var url = $"/api/assessments/{k.Body}/2017";
        (await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A version that tolerates up to 20,000 incomplete packages: 3 × (1 − 13,914 / 20,000) = 0.9129 → 0.91.
        var kz = JsonNode.Parse(await (await _assessor.GetAsync("/api/methodologies/KZ-2017")).Content.ReadAsStringAsync())!["version"]!;
        var code = $"ALT-{k.Body}";
        kz["code"] = code;
        kz["reconstructed"] = false;
        kz["criteria"]![2]!["indicators"]![1]!["parameters"]!["tolerance"] = 20_000;
        (await _assessor.PostAsync("/api/methodologies", ApiFixture.RawJson(new JsonObject { ["version"] = kz.DeepClone(), ["reason"] = "Проект" }.ToJsonString())))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var whatIf = await Ok(await _auditor.GetAsync($"{url}/what-if?methodology={code}"));
        whatIf.GetProperty("methodology").GetProperty("code").GetString().ShouldBe(code);
        whatIf.GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(41.86m);
        whatIf.GetProperty("changedSinceLatestRevision").GetBoolean().ShouldBeFalse();
        var live = await Ok(await _auditor.GetAsync(url));
        live.GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(40.95m);
        live.GetProperty("changedSinceLatestRevision").GetBoolean().ShouldBeFalse();
        (await Ok(await _auditor.GetAsync($"{url}/revisions"))).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Penalties_are_capped_withdrawn_with_a_reason_and_bad_input_changes_nothing()
    {
        var k = await OpenKaragandaAsync();
        var url = $"/api/assessments/{k.Body}/2017";
        async Task<Dictionary<string, string>> Refused(HttpResponseMessage r)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
            return (await ApiFixture.ReadJson(r)).GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
        }

        (await Refused(await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 7, reason = "x", legalBasis = "" }))))
            .Keys.ShouldBe(["points", "legalBasis"], ignoreOrder: true);
        (await Refused(await _assessor.PostAsync("/api/assessments", ApiFixture.JsonBody(new { bodyCode = k.Body, period = 2018, methodologyCode = "KZ-2017", previousFinal = 40.95 }))))
            .Keys.ShouldBe(["previousFinalSource"]);
        (await Refused(await _auditor.GetAsync($"{url}/explain?figure=9.9"))).Keys.ShouldBe(["figure"]);
        (await _assessor.PostAsync("/api/assessments", ApiFixture.JsonBody(new { bodyCode = k.Body, period = 2017, methodologyCode = "KZ-2017" })))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.Client("steward", "other", "OTHER").PostAsync($"{url}/measures", ApiFixture.JsonBody(new
            { ownMonitoringHeld = true, measuresAdopted = true, description = "x", documentReference = "y" }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client("inspector").PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 1, reason = "x", legalBasis = "y" })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Ok(await _auditor.GetAsync(url))).GetProperty("scorecard").GetProperty("penalty").GetDecimal().ShouldBe(0m);

        // No such assessment: 404, nothing recorded.
        (await _assessor.PostAsync($"/api/assessments/{k.Body}/2031/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 1, reason = "x", legalBasis = "y" })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The version the caller saw: a stale one is 409 and records nothing; the current one is taken, and the answer
        // carries the stream's new version.
        var version = (await Ok(await _auditor.GetAsync($"/api/audit/streams/assessment:{k.Body}:2017/events"))).GetArrayLength();
        (await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 4m, reason = "Недостоверные сведения",
            legalBasis = "п. 25 Методики", expectedVersion = version - 1 }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var first = await Ok(await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 4m,
            reason = "Недостоверные сведения", legalBasis = "п. 25 Методики", expectedVersion = version })));
        first.GetProperty("version").GetInt64().ShouldBe(version + 1);
        first.GetProperty("id").GetString().ShouldBe("p1");
        (await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p2", points = 3m, reason = "Недостоверные сведения", legalBasis = "п. 25 Методики" })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var capped = (await Ok(await _auditor.GetAsync(url))).GetProperty("scorecard");
        capped.GetProperty("penalty").GetDecimal().ShouldBe(5m);
        capped.GetProperty("final").GetDecimal().ShouldBe(35.95m);

        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "Сведения подтверждены" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "Ещё раз" }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var explained = await Ok(await _auditor.GetAsync($"{url}/explain?figure=penalty"));
        var penalty = explained.GetProperty("otherInputs")[0];
        penalty.GetProperty("value").GetDecimal().ShouldBe(3m);
        penalty.GetProperty("eventCount").GetInt32().ShouldBe(3);
        penalty.GetProperty("events").EnumerateArray().All(e => e.GetProperty("recordedBy").GetString() == "dana (assessor)").ShouldBeTrue();
        (await Ok(await _auditor.GetAsync(url))).GetProperty("scorecard").GetProperty("final").GetDecimal().ShouldBe(37.95m);
    }
}

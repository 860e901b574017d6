using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Monitoring.Application.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Methodology;
using Monitoring.Projections.Assessments;

namespace Monitoring.Api.Tests.Assessments;

/// <summary>
/// Acceptance of the assessment: the Karaganda 2017 assessment conclusion reproduced end to end through the API from
/// recorded events — 25 + 0 + 7.95 + 8 − 0 = 40.95, +1.95 against 2016's 39 — explained down to its events, published,
/// then moved by a violation revoked after publication while the published revision and the as-of view stay as published.
/// </summary>
public sealed class AssessmentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _assessor = fixture.Client("assessor", "dana");
    private readonly HttpClient _auditor = fixture.Client("auditor", "erlan");

    private static async Task<JsonElement> Ok(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(r);
    }

    [Fact]
    public async Task Karaganda_2017_is_reproduced_explained_published_and_stays_published_when_a_violation_is_revoked()
    {
        var k = await KaragandaScenario.OpenAsync(fixture);
        var url = $"/api/assessments/{k.Body}/2017";

        // Typed reads (Alba): the API's own read models, as a generated client would see them.
        var live = await fixture.GetAsync<AssessmentScorecard>(url);
        live.Scorecard.Criteria.Select(c => c.Points).ShouldBe([25m, 0m, 7.95m, 8m]);
        (live.Scorecard.Sum, live.Scorecard.Penalty, live.Scorecard.Final).ShouldBe((40.95m, 0m, 40.95m));
        (live.Scorecard.Change, live.Scorecard.ChangePercent).ShouldBe((1.95m, 5m));
        live.Scorecard.Rating.ShouldBe("неэффективно");
        live.Status.ShouldBe("open");
        live.SurveyEvidenceComplete.ShouldBeTrue();
        live.Methodology.Reconstructed.ShouldBeTrue();

        // Explain: indicator → formula and parameters → inputs → the events behind each input, with who recorded them.
        var explained = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=1.1");
        var share = explained.Indicators[0].Inputs[0];
        share.Value.ShouldBe(0.585m);
        share.Events[0].Stream.ShouldStartWith($"import:NPM2017-{k.Body}:");
        share.Events[0].RecordedBy.ShouldBe("aigerim (analyst)");
        share.Events[0].EventType.ShouldBe("survey_responses_imported");
        (explained.Indicators[0].Points, explained.Indicators[0].Raw).ShouldBe((20m, 20.475m));

        var d = (await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=2")).Indicators[0];
        d.Formula.ShouldBe(FormulaKind.DeadlineShareWithImprovementBonus);
        d.Parameters["vMax"].ShouldBe(0.0005m);
        var inputs = d.Inputs.ToDictionary(i => i.Name);
        inputs["deadlines.late"].Value.ShouldBe(766m);
        inputs["deadlines.counted"].Value.ShouldBe(1_113_538m);
        inputs["deadlines.previousLate"].Value.ShouldBe(184m);
        var lateEvents = inputs["deadlines.late"].Events;
        lateEvents.Select(e => e.Source).ShouldBe(["BodyReport", "InformationSystem", "Inspection"], ignoreOrder: true);
        lateEvents.Single(e => e.Source == "Inspection").RecordedBy.ShouldBe("marat (inspector)");
        inputs["deadlines.counted"].Events.Select(e => e.Stream).ShouldContain($"service:{k.OneDay}");
        var linked = await Ok(await _auditor.GetAsync(lateEvents[0].Link));
        linked.GetArrayLength().ShouldBe(1);
        linked[0].GetProperty("sequence").GetInt64().ShouldBe(lateEvents[0].Sequence);

        // An input asked for by name: its events, and the indicators that read it (2.1 and 4.1 both read the late deliveries).
        var byInput = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=deadlines.late");
        byInput.Indicators.Select(i => i.Code).ShouldBe(["2.1", "4.1"]);
        byInput.OtherInputs[0].Value.ShouldBe(766m);

        var quality = (await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=3.1")).Indicators[0];
        quality.Inputs[0].Value.ShouldBe(8m);
        quality.Inputs[0].Events[0].EventType.ShouldBe("internal_control_report_submitted");
        quality.Points.ShouldBe(2.95m);

        // Publish revision 1: frozen with its inputs and content hash.
        var published = await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { }));
        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var revision1 = await fixture.GetAsync<PublishedRevision>($"{url}/revisions/1");
        revision1.Published.Scorecard.Final.ShouldBe(40.95m);
        revision1.Published.ContentHash.Length.ShouldBe(64);
        var publishedAt = revision1.PublishedBy.RecordedAt;

        // The inspector revokes the business-process violations after publication: live moves, the revision does not.
        (await fixture.Client("inspector", "marat").PostAsync($"/api/inspections/{k.Body}-2017/violations/b/revoke",
            ApiFixture.JsonBody(new { reason = "Акт отменён судом" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await fixture.GetAsync<AssessmentScorecard>(url);
        after.Scorecard.Final.ShouldBe(43.95m);
        after.ChangedSinceLatestRevision.ShouldBeTrue();
        after.LatestRevision!.Final.ShouldBe(40.95m);
        (await fixture.GetAsync<PublishedRevision>($"{url}/revisions/1")).Published.Scorecard.Final.ShouldBe(40.95m);

        // The ratings as known at a moment: the body's answers were all in by publication, none in 2000.
        var slice = await Ok(await _auditor.GetAsync($"/api/surveys/slice?body={k.Body}&groupBy=body&asOf={Uri.EscapeDataString(publishedAt.ToString("O"))}"));
        slice[0].GetProperty("figures").GetProperty("raters").GetInt64().ShouldBe(200);
        (await Ok(await _auditor.GetAsync($"/api/surveys/slice?body={k.Body}&groupBy=body&asOf=2000-01-01T00:00:00Z"))).GetArrayLength().ShouldBe(0);

        // As of the publication moment: the published figures.
        var asOf = await fixture.GetAsync<AssessmentScorecard>($"{url}?asOf={Uri.EscapeDataString(publishedAt.ToString("O"))}");
        asOf.Scorecard.Final.ShouldBe(40.95m);
        asOf.Scorecard.Criteria.Select(c => c.Points).ShouldBe([25m, 0m, 7.95m, 8m]);
        asOf.ContentHash.ShouldBe(revision1.Published.ContentHash);

        // What changed since publication, and which event changed it.
        var diff = await fixture.GetAsync<ScorecardDiff>($"{url}/diff?fromRevision=1");
        var figures = diff.Figures.ToDictionary(f => f.Figure);
        figures["3.4"].To.ShouldBe(3m);
        (figures["final"].From, figures["final"].To).ShouldBe((40.95m, 43.95m));
        var changedBy = diff.Events.ShouldHaveSingleItem();
        changedBy.EventType.ShouldBe("violation_revoked");
        changedBy.RecordedBy.ShouldBe("marat (inspector)");

        // History of 3.4: 3 with nothing recorded, 0 once the violations were recorded, 3 again after the revocation.
        var history = await fixture.GetAsync<FigureHistory>($"{url}/history?figure=3.4");
        history.Current.ShouldBe(3m);
        history.Changes.Last().Event.EventType.ShouldBe("violation_revoked");
        history.Changes.Select(c => c.To).TakeLast(2).ShouldBe([0m, 3m]);

        // A revision needs a reason; with it, revision 2 freezes 43.95 and revision 1 stays readable.
        var noReason = await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { }));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(noReason)).Errors.ShouldContainKey("reason");
        (await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { reason = "Отмена акта проверки судом" })))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _assessor.PostAsync($"{url}/revisions", ApiFixture.JsonBody(new { reason = "Ещё раз" }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.GetAsync<List<RevisionSummary>>($"{url}/revisions")).Select(r => r.Final).ShouldBe([40.95m, 43.95m]);

        // The conclusion document of revision 1, in the shape of the Karaganda 2017 assessment conclusion.
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
        var k = await KaragandaScenario.OpenAsync(fixture);
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

        var whatIf = await fixture.GetAsync<AssessmentScorecard>($"{url}/what-if?methodology={code}");
        whatIf.Methodology.Code.ShouldBe(code);
        whatIf.Scorecard.Final.ShouldBe(41.86m);
        whatIf.ChangedSinceLatestRevision.ShouldBeFalse();
        var live = await fixture.GetAsync<AssessmentScorecard>(url);
        live.Scorecard.Final.ShouldBe(40.95m);
        live.ChangedSinceLatestRevision.ShouldBeFalse();
        (await fixture.GetAsync<List<RevisionSummary>>($"{url}/revisions")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Penalties_are_capped_withdrawn_with_a_reason_and_bad_input_changes_nothing()
    {
        var k = await KaragandaScenario.OpenAsync(fixture);
        var url = $"/api/assessments/{k.Body}/2017";
        async Task<Dictionary<string, string>> Refused(HttpResponseMessage r)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
            return (await r.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.ToDictionary(e => e.Key, e => e.Value[0]);
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
        (await fixture.GetAsync<AssessmentScorecard>(url)).Scorecard.Penalty.ShouldBe(0m);

        // No such assessment: 404, nothing recorded.
        (await _assessor.PostAsync($"/api/assessments/{k.Body}/2031/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 1, reason = "x", legalBasis = "y" })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The version the caller saw: a stale one is 409 and records nothing; the current one is taken, and the answer
        // carries the stream's new version.
        var version = (await Ok(await _auditor.GetAsync($"/api/audit/streams/assessment:{k.Body}:2017/events"))).GetArrayLength();
        (await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 4m, reason = "Недостоверные сведения",
            legalBasis = "п. 25 Методики", expectedVersion = version - 1 }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var first = await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p1", points = 4m,
            reason = "Недостоверные сведения", legalBasis = "п. 25 Методики", expectedVersion = version }));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<CommandResult>()).ShouldBe(new CommandResult("p1", version + 1));
        (await _assessor.PostAsync($"{url}/penalties", ApiFixture.JsonBody(new { penaltyId = "p2", points = 3m, reason = "Недостоверные сведения", legalBasis = "п. 25 Методики" })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var capped = (await fixture.GetAsync<AssessmentScorecard>(url)).Scorecard;
        (capped.Penalty, capped.Final).ShouldBe((5m, 35.95m));

        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "Сведения подтверждены" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _assessor.PostAsync($"{url}/penalties/p1/withdrawal", ApiFixture.JsonBody(new { reason = "Ещё раз" }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var penalty = (await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=penalty")).OtherInputs[0];
        (penalty.Value, penalty.EventCount).ShouldBe((3m, 3));
        penalty.Events.ShouldAllBe(e => e.RecordedBy == "dana (assessor)");
        (await fixture.GetAsync<AssessmentScorecard>(url)).Scorecard.Final.ShouldBe(37.95m);
    }
}

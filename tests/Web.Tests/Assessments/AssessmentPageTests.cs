using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Monitoring.Web.Tests.Infrastructure;

namespace Monitoring.Web.Tests.Assessments;

/// <summary>
/// The assessment pages against the demo's Karaganda 2017 assessment (DEMO-KAR, 40.95): an auditor reaches the events
/// behind the final score in a few clicks, reads it as of a past moment, the changes, a figure's history and the
/// conclusion; an assessor opens, penalises and publishes an assessment of its own; a steward reports measures for their
/// body only. Whatever a test records on DEMO-KAR 2017 it takes back, so the demo's figures stay as they were.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AssessmentPageTests(WebAppFixture app)
{
    private const string Karaganda = "/assessments/DEMO-KAR/2017";

    [Fact]
    public async Task An_auditor_reaches_an_event_behind_the_Karaganda_final_score_in_three_clicks_in_Russian()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signin");
        // The sign-in preset lands on the home page, which lists the assessments of the latest periods.
        await page.ClickAsync("button[data-user='auditor']");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ru");

        // Click 1: the final score 40,95.
        var final = page.Locator("[data-assessment='DEMO-KAR/2017'] a[data-figure=final]");
        (await final.InnerTextAsync()).ShouldBe("40,95");
        await final.ClickAsync();
        await page.WaitForURLAsync("**/assessments/DEMO-KAR/2017/figures/final");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Итоговая оценка");
        (await page.Locator("[data-testid=figure-value]").InnerTextAsync()).ShouldBe("40,95");
        (await page.Locator(".derivation").InnerTextAsync()).ShouldContain("40,95 − 0 = 40,95");

        // The figure page lists the inputs with their events: the 766 late deliveries of indicator 2.1.
        var late = page.Locator("[data-indicator='2.1'] [data-input='deadlines.late']");
        (await late.Locator("[data-testid=input-value]").InnerTextAsync()).ShouldBe("766");
        (await late.InnerTextAsync()).ShouldContain("Просроченные оказания (различные)");
        var events = late.Locator("tbody tr");
        (await events.CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        (await late.InnerTextAsync()).ShouldContain("aliya (steward, demo data)");
        await late.ScrollIntoViewIfNeededAsync();
        await WebAppFixture.ScreenshotAsync(page, "assessment-figure");

        // Click 2: the inspection's event behind them (226 deadline breaches recorded by the demo's inspector).
        await events.Filter(new() { HasText = "violation_recorded" }).Locator("th a").ClickAsync();
        await page.WaitForURLAsync(new Regex("/audit/events/\\d+$"));
        (await page.Locator("[data-testid=event-type]").InnerTextAsync()).ShouldBe("violation_recorded");
        (await page.Locator("[data-testid=event-user]").InnerTextAsync()).ShouldBe("marat (inspector, demo data)");
        (await page.Locator("[data-testid=event-stream]").InnerTextAsync()).ShouldBe("inspection:DEMO-KAR-2017");
        (await page.Locator("[data-testid=event-data]").InnerTextAsync()).ShouldContain("\"count\": 226");
        (await page.Locator("[data-testid=event-facts]").InnerTextAsync()).ShouldContain("demo-data:karaganda-2017.json");

        // The whole stream (the address the API and the histories of the other pages use), and back to one version of it.
        await page.ClickAsync("a[href='/audit/streams/inspection%3ADEMO-KAR-2017/events']");
        (await page.Locator("[data-testid=stream]").InnerTextAsync()).ShouldBe("inspection:DEMO-KAR-2017");
        (await page.Locator("[data-testid=stream-events] tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(5);
        await page.GotoAsync("/audit/streams/inspection%3ADEMO-KAR-2017/events?version=1");
        await page.WaitForURLAsync(new Regex("/audit/events/\\d+$"));
        (await page.Locator("[data-testid=event-type]").InnerTextAsync()).ShouldBe("inspection_opened");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_scorecard_reads_like_the_conclusion_with_every_figure_a_link_and_the_published_revision_with_its_hash()
    {
        var page = await app.SignInAsync("auditor");
        await page.GotoAsync("/assessments");
        await page.SelectOptionAsync("#filter-period", "2017");
        await page.WaitForURLAsync("**/assessments?period=2017");
        await page.ClickAsync("[data-assessment='DEMO-KAR/2017'] th a");
        await page.WaitForURLAsync($"**{Karaganda}");

        var scorecard = page.Locator("[data-testid=scorecard]");
        foreach (var (code, points) in new[] { ("1", "25"), ("2", "0"), ("3", "7,95"), ("4", "8"), ("1.1", "20"), ("2.1", "0"), ("3.1", "2,95"), ("final", "40,95") })
            (await scorecard.Locator($"tr[data-code='{code}'] a[data-figure='{code}']").InnerTextAsync()).ShouldBe(points, $"figure {code}");
        (await scorecard.Locator("tr[data-code='final'] a").GetAttributeAsync("href")).ShouldBe($"{Karaganda}/figures/final");
        (await page.Locator("[data-testid=rating]").InnerTextAsync()).ShouldBe("неэффективно");
        (await page.Locator("[data-testid=change]").InnerTextAsync()).ShouldBe("+1,95 (+5 %)");
        (await page.Locator("[data-input='deadlines.late'] a[data-figure='deadlines.late']").InnerTextAsync()).ShouldBe("766");
        var revision = page.Locator("[data-testid=revisions] tr[data-revision='1']");
        (await revision.InnerTextAsync()).ShouldContain("40,95");
        (await revision.Locator("[data-testid=hash]").InnerTextAsync()).ShouldMatch("^[0-9a-f]{64}$");
        (await page.Locator("[data-testid=assessor-actions]").CountAsync()).ShouldBe(0, "an auditor is offered no assessor's action");
        await WebAppFixture.ScreenshotAsync(page, "assessment-scorecard");

        // Readable on a phone: nothing wider than the screen but the tables, which scroll inside their own box.
        var phone = await app.SignInAsync("auditor", phone: true);
        foreach (var path in new[] { Karaganda, $"{Karaganda}/figures/final", $"{Karaganda}/figures/final/history", $"{Karaganda}/diff" })
        {
            await phone.GotoAsync(path);
            var wide = await phone.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll')).slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
            (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue($"{path} is wider than a phone: {wide}");
        }
        await phone.Context.CloseAsync();

        // An inspector reads the scorecard but is not offered the explanations (auditors' reading).
        var inspector = await app.SignInAsync("inspector");
        await inspector.GotoAsync(Karaganda);
        (await inspector.Locator("[data-testid=scorecard] tr[data-code='final'] .figure-link").InnerTextAsync()).ShouldBe("40,95");
        (await inspector.Locator("[data-testid=scorecard] a.figure-link").CountAsync()).ShouldBe(0);
        (await inspector.GotoAsync($"{Karaganda}/figures/final"))!.Status.ShouldBe(403);
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
        await inspector.Context.CloseAsync();
    }

    [Fact]
    public async Task As_of_a_moment_between_a_violation_and_its_revocation_the_pages_show_the_lower_final_and_the_changes_name_the_event()
    {
        // An inspection of its own on DEMO-KAR records 100 unjustified refusals for 2017 (3.1: 3 × (1 − 108 / 480) = 2,33),
        // then revokes them: the final goes 40,95 → 40,33 → 40,95.
        var inspector = await app.ApiAsync("inspector", name: "web-asof");
        var id = $"WEB-ASOF-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        (await inspector.PostAsJsonAsync("/api/inspections", new
        {
            inspectionId = id, bodyCode = "DEMO-KAR", kind = "Unscheduled", services = new[] { "DEMO-KAR-TEN" },
            periodFrom = "2017-01-01", periodTo = "2017-12-31", legalBasis = "Проверка веб-теста", openedOn = "2018-02-01",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(1_100);
        (await inspector.PostAsJsonAsync($"/api/inspections/{id}/violations", new
        {
            violationId = "r", type = "UnjustifiedRefusal", serviceCode = "DEMO-KAR-TEN", period = 2017, count = 100, evidence = "Акт проверки (тест)",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Task.Delay(1_100);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(1_100);

        var page = await app.SignInAsync("auditor");
        await page.GotoAsync(Karaganda);
        (await FinalAsync(page)).ShouldBe("40,33");
        try
        {
            (await inspector.PostAsJsonAsync($"/api/inspections/{id}/violations/r/revoke", new { reason = "Акт отменён (тест)" }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await page.ReloadAsync();
        }
        (await FinalAsync(page)).ShouldBe("40,95");

        // "As of" the moment between: the whole page as known then.
        await SetLocalAsync(page, "[data-testid=asof-form] #asOf", between);
        await page.ClickAsync("[data-testid=asof-form] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("asOf="));
        (await FinalAsync(page)).ShouldBe("40,33");
        (await page.Locator("[data-testid=asof-banner]").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("[data-testid=scorecard] tr[data-code='3.1'] a").InnerTextAsync()).ShouldBe("2,33");
        // The figure links keep the moment.
        await page.ClickAsync("[data-testid=scorecard] tr[data-code='final'] a");
        await page.WaitForURLAsync(url => url.Contains("/figures/final") && url.Contains("asOf="));
        (await page.Locator("[data-testid=figure-value]").InnerTextAsync()).ShouldBe("40,33");
        await page.ClickAsync("[data-testid=asof-now]");
        await page.WaitForURLAsync(url => url.Contains("/figures/final") && !url.Contains("asOf="));
        (await page.Locator("[data-testid=figure-value]").InnerTextAsync()).ShouldBe("40,95");

        // The changes from before the violation to the moment between: the final fell, and the recording event is named.
        await page.GotoAsync($"{Karaganda}/diff");
        await page.SelectOptionAsync("#fromRevision", new SelectOptionValue { Index = 0 });
        await SetLocalAsync(page, "#from", before);
        await SetLocalAsync(page, "#to", between);
        await page.ClickAsync("[data-testid=diff-form] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("from="));
        (await page.Locator("[data-testid=diff-final]").InnerTextAsync()).ShouldBe("40,95 → 40,33");
        var changedBy = page.Locator("#table-events tbody tr");
        (await changedBy.CountAsync()).ShouldBe(1);
        (await changedBy.InnerTextAsync()).ShouldContain("violation_recorded");
        (await changedBy.InnerTextAsync()).ShouldContain("web-asof (inspector)");
        (await page.Locator("#table-figures").InnerTextAsync()).ShouldContain("3.1");

        // The final's history: a step per change, the last two the recording and the revocation.
        await page.GotoAsync($"{Karaganda}/figures/final/history");
        await page.WaitForFunctionAsync("() => document.querySelector('canvas[data-chart]')?.chart !== undefined");
        var points = await page.EvaluateAsync<int>("() => document.querySelector('canvas[data-chart]').chart.data.datasets[0].data.length");
        points.ShouldBeGreaterThanOrEqualTo(4);
        var changes = await page.Locator("#table-changes tbody tr").AllInnerTextsAsync();
        changes[^2].ShouldContain("violation_recorded");
        changes[^1].ShouldContain("violation_revoked");
        changes[^1].ShouldContain("40,33");
        await WebAppFixture.ScreenshotAsync(page, "assessment-history");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_conclusion_of_revision_1_has_the_criteria_and_the_final_and_prints_alone()
    {
        var page = await app.SignInAsync("auditor");
        await page.GotoAsync(Karaganda);
        await page.ClickAsync("[data-testid=revisions] tr[data-revision='1'] a[href$='/revisions/1/conclusion']");
        await page.WaitForURLAsync($"**{Karaganda}/revisions/1/conclusion");
        var conclusion = page.Locator("[data-testid=conclusion]");
        (await conclusion.GetAttributeAsync("lang")).ShouldBe("ru");
        var text = await conclusion.InnerTextAsync();
        text.ShouldContain("Критерии оценки");
        text.ShouldContain("Обеспечение качества оказания услуг");
        text.ShouldContain("Итоговая оценка с учетом вычета штрафных баллов");
        (await conclusion.Locator("tr.total td.num").AllInnerTextsAsync()).ShouldContain("40,95");
        text.ShouldContain("Контрольная сумма (SHA-256)");

        // A print style sheet: on paper the page's header, menus and buttons go, the document stays.
        (await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => [...s.cssRules].some(r => r.media && r.media.mediaText.includes('print')))"))
            .ShouldBeTrue();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("header.top").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("button[data-print]").IsVisibleAsync()).ShouldBeFalse();
        (await conclusion.IsVisibleAsync()).ShouldBeTrue();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await WebAppFixture.ScreenshotAsync(page, "assessment-conclusion");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_assessor_opens_penalises_and_publishes_an_assessment_of_its_own_with_the_reasons_on_the_fields()
    {
        var page = await app.SignInAsync("assessor");
        await page.GotoAsync("/assessments");

        // Open DEMO-KAR 2019: a previous final without its source is refused on that field.
        await page.SelectOptionAsync("#open-assessment #bodyCode", "DEMO-KAR");
        await page.FillAsync("#open-assessment #period", "2019");
        await page.FillAsync("#open-assessment #previousFinal", "41,5");
        await page.ClickAsync("#open-assessment button[type=submit]");
        (await page.Locator("#previousFinalSource-error").InnerTextAsync()).ShouldContain("say where the previous final score comes from");
        (await page.Locator("#open-assessment #previousFinalSource").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.FillAsync("#open-assessment #previousFinalSource", "Заключение за 2018 год (тест)");
        await page.ClickAsync("#open-assessment button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2019(#.*)?$"));
        (await page.Locator("[data-testid=flash]").InnerTextAsync()).ShouldContain("2019");
        (await page.Locator("[data-testid=status]").InnerTextAsync()).ShouldContain("не опубликована");

        // Revision 1 needs no reason.
        await page.ClickAsync("[data-testid=assessor-actions] a[href$='/publish']");
        await page.ClickAsync("#publish-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2019(#.*)?$"));
        (await page.Locator("[data-testid=revisions] tr[data-revision='1'] [data-testid=hash]").InnerTextAsync()).ShouldMatch("^[0-9a-f]{64}$");
        var finalBefore = decimal.Parse(await FinalAsync(page), new System.Globalization.CultureInfo("ru-RU"));

        // A penalty of 7 points is refused on its field (the methodology allows up to 5 a penalty); 2 points go through.
        await page.ClickAsync("[data-testid=assessor-actions] a[href$='/penalties']");
        await page.FillAsync("#penalty-form #points", "7");
        await page.FillAsync("#penalty-form #reason", "Недостоверные сведения (тест)");
        await page.FillAsync("#penalty-form #legalBasis", "п. 25 Методики");
        await page.ClickAsync("#penalty-form button[type=submit]");
        (await page.Locator("#points-error").InnerTextAsync()).ShouldNotBeEmpty();
        (await page.Locator("#penalty-form #points").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.FillAsync("#penalty-form #points", "2");
        await page.ClickAsync("#penalty-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2019(#.*)?$"));
        (await page.Locator("[data-testid=penalties] tr[data-penalty='p1']").InnerTextAsync()).ShouldContain("п. 25 Методики");
        decimal.Parse(await FinalAsync(page), new System.Globalization.CultureInfo("ru-RU")).ShouldBe(finalBefore - 2);

        // Revision 2 without a reason: the API's message on the reason field; with it, the revision and its hash are listed.
        await page.ClickAsync("[data-testid=assessor-actions] a[href$='/publish']");
        await page.ClickAsync("#publish-form button[type=submit]");
        (await page.Locator("#reason-error").InnerTextAsync()).ShouldNotBeEmpty();
        (await page.Locator("#publish-form #reason").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.FillAsync("#publish-form #reason", "Штраф за недостоверные сведения (тест)");
        await page.ClickAsync("#publish-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2019(#.*)?$"));
        var revision2 = page.Locator("[data-testid=revisions] tr[data-revision='2']");
        (await revision2.InnerTextAsync()).ShouldContain("Штраф за недостоверные сведения (тест)");
        var hash2 = await revision2.Locator("[data-testid=hash]").InnerTextAsync();
        hash2.ShouldMatch("^[0-9a-f]{64}$");
        hash2.ShouldNotBe(await page.Locator("[data-testid=revisions] tr[data-revision='1'] [data-testid=hash]").InnerTextAsync());

        // The penalty withdrawn with a reason stays listed, marked.
        await page.ClickAsync("[data-testid=penalties] tr[data-penalty='p1'] a");
        await page.FillAsync("#withdrawal-form #reason", "Сведения подтверждены (тест)");
        await page.ClickAsync("#withdrawal-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2019(#.*)?$"));
        (await page.Locator("[data-testid=penalties] tr[data-penalty='p1']").GetAttributeAsync("class")).ShouldContain("revoked");
        app.Failures().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_steward_reports_measures_for_their_body_sees_the_recognition_and_cannot_see_another_body()
    {
        // An assessment of DEMO-KAR 2018 (DEMO-KAR 2017's measures stay as the demo recorded them).
        var assessor = await app.ApiAsync("assessor", name: "web-measures");
        var opened = await assessor.PostAsJsonAsync("/api/assessments", new { bodyCode = "DEMO-KAR", period = 2018, methodologyCode = "KZ-2017" });
        opened.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);

        var steward = await app.SignInAsync("steward");
        (await steward.Locator("[data-testid=assessments] tbody tr[data-assessment]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.assessment)"))
            .ShouldAllBe(a => a.StartsWith("DEMO-KAR/"));
        await steward.ClickAsync("header nav a[href='/assessments/measures']");
        await steward.SelectOptionAsync("#period", "2018");
        await steward.WaitForURLAsync(url => url.Contains("period=2018"));
        await steward.CheckAsync("#measures-form input[name=ownMonitoringHeld]");
        await steward.CheckAsync("#measures-form input[name=measuresAdopted]");
        await steward.FillAsync("#measures-form #description", "Анкетирование посетителей ЦОН и план мероприятий (тест)");
        await steward.ClickAsync("#measures-form button[type=submit]");
        (await steward.Locator("#documentReference-error").InnerTextAsync()).ShouldContain("name the document");
        await steward.FillAsync("#measures-form #documentReference", "Приказ № 7 от 01.03.2018 (тест)");
        await steward.ClickAsync("#measures-form button[type=submit]");
        await steward.WaitForURLAsync(url => url.Contains("period=2018") && !url.Contains("handler"));
        (await steward.Locator("[data-testid=flash]").InnerTextAsync()).ShouldNotBeEmpty();
        (await steward.Locator("[data-testid=recognition-status]").InnerTextAsync()).ShouldContain("Ожидает решения оценщика");
        (await steward.Locator("[data-testid=measures]").InnerTextAsync()).ShouldContain("Приказ № 7 от 01.03.2018 (тест)");

        // The assessor recognises them on the recognition page; the steward sees it.
        var page = await app.SignInAsync("assessor");
        await page.GotoAsync("/assessments/DEMO-KAR/2018/recognition");
        await page.ClickAsync("#recognition-form button[type=submit]");
        (await page.Locator("#recognised-error").InnerTextAsync()).ShouldNotBeEmpty();
        await page.CheckAsync("#recognition-form input[name=recognised][value=true]");
        await page.FillAsync("#recognition-form #reason", "План утверждён (тест)");
        await page.ClickAsync("#recognition-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/assessments/DEMO-KAR/2018(#.*)?$"));
        await steward.ReloadAsync();
        (await steward.Locator("[data-testid=recognition-status]").InnerTextAsync()).ShouldContain("Признаны");
        (await steward.Locator("[data-testid=recognition-status]").InnerTextAsync()).ShouldContain("План утверждён (тест)");

        // Another body's measures and assessments are not the steward's: 403.
        (await steward.GotoAsync("/assessments/measures?body=AKIMAT-KAR"))!.Status.ShouldBe(403);
        (await steward.GotoAsync("/assessments/AKIMAT-KAR/2017"))!.Status.ShouldBe(403);
        (await steward.GotoAsync("/assessments/DEMO-KAR/2018/recognition"))!.Status.ShouldBe(403);
        app.Failures().ShouldBeEmpty();
        await steward.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static Task<string> FinalAsync(IPage page) => page.Locator("[data-testid=scorecard] tr[data-code='final'] .figure-link").InnerTextAsync();

    /// <summary>Sets a date-time picker to an instant as the browser's clock reads it locally (the page reads it in the browser's time zone).</summary>
    private static Task SetLocalAsync(IPage page, string selector, DateTimeOffset instant) =>
        page.Locator(selector).EvaluateAsync(
            """
            (el, ms) => {
              const d = new Date(ms), p = n => String(n).padStart(2, '0');
              el.value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
            }
            """, instant.ToUnixTimeMilliseconds());
}

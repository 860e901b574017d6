using System.Net;
using System.Text;
using Monitoring.Api.Tests.Catalogue;
using Marten.Events;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Assessments;

/// <summary>
/// The evidence of the Karaganda 2017 assessment conclusion, recorded through the API by the people who find it:
/// the steward's and the information system's delivery reports (39 + 504 late, 36 of them the same deliveries), the
/// inspector's violations (226 deadline breaches, 13,778 incomplete packages, 1,044 extra documents, 2,637 process
/// breaches), the internal-control report (118 deadline violations found; 136, 129 and 8 by type), two justified
/// complaints, and 2016's report (184 late) as the previous period.
/// </summary>
public sealed record KaragandaScenario(string Body, string OneDay, string TenDays, HttpClient Steward, object Body2017Report)
{
    public static object Report(string body, string service, string reference, string source, int period, object[] lines, IEnumerable<string> late,
        int lateData = 0) => new
    {
        reference, source, bodyCode = body, period, lines, lateDataSubmissions = lateData,
        lateDeliveries = late.Select(r => new { reference = r, serviceCode = service }).ToArray(),
    };

    public static async Task<KaragandaScenario> RecordEvidenceAsync(ApiFixture fixture)
    {
        var body = $"AKIMAT-{Guid.NewGuid().ToString("N")[..5].ToUpperInvariant()}";
        var admin = fixture.Client("admin");
        var catalogue = new CatalogueApi(admin);
        await catalogue.Created(catalogue.RegisterBody(CatalogueApi.Body(body, "Local", region: "KZ-KAR")));
        var oneDay = $"{body}-ONE";
        var tenDays = $"{body}-TEN";
        await catalogue.Created(catalogue.RegisterService(new { code = oneDay, nameRu = "Справка", passport = CatalogueApi.Passport(body, 1, level: "Local") }));
        await catalogue.Created(catalogue.RegisterService(new { code = tenDays, nameRu = "Разрешение", passport = CatalogueApi.Passport(body, 10, level: "Local") }));

        var steward = fixture.Client("steward", "aliya", body);
        object Report(string reference, string source, int period, object[] lines, IEnumerable<string> late, int lateData = 0) =>
            KaragandaScenario.Report(body, tenDays, reference, source, period, lines, late, lateData);
        async Task Submit(HttpClient client, object report)
        {
            var r = await client.PostAsync("/api/reports/deliveries", ApiFixture.JsonBody(report));
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }

        await Submit(steward, Report("2016-body", "BodyReport", 2016,
            [new { serviceCode = tenDays, channel = "Body", delivered = 5_728_886, refusals = 0 }], Enumerable.Range(0, 184).Select(i => $"P{i}")));
        var body2017 = Report("2017-body", "BodyReport", 2017,
            [new { serviceCode = oneDay, channel = "StateCorporation", delivered = 3_954_053, refusals = 0 },
             new { serviceCode = tenDays, channel = "Body", delivered = 1_113_538, refusals = 8 }],
            Enumerable.Range(0, 39).Select(i => $"R{i}"));
        await Submit(steward, body2017);
        await Submit(admin, Report("2017-is", "InformationSystem", 2017, [], Enumerable.Range(36, 504).Select(i => $"R{i}"), lateData: 12));

        var inspector = fixture.Client("inspector", "marat");
        (await inspector.PostAsync("/api/inspections", ApiFixture.JsonBody(new
        {
            inspectionId = $"{body}-2017", bodyCode = body, kind = "Planned", services = new[] { oneDay, tenDays },
            periodFrom = "2017-01-01", periodTo = "2017-12-31", legalBasis = "План проверок", openedOn = "2018-01-15",
        }))).EnsureSuccessStatusCode();
        foreach (var (id, type, count) in new[] { ("d", "DeadlineBreach", 226), ("p", "IncompletePackage", 13_778), ("e", "ExtraDocumentsDemanded", 1_044), ("b", "BusinessProcessBreach", 2_637) })
            (await inspector.PostAsync($"/api/inspections/{body}-2017/violations", ApiFixture.JsonBody(new
            {
                violationId = id, type, serviceCode = tenDays, period = 2017, count, evidence = "Акт проверки",
            }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await steward.PostAsync("/api/reports/internal-control", ApiFixture.JsonBody(new
        {
            reference = "2017-ic", bodyCode = body, period = 2017, controlMeasures = 1_244, violationsFound = 1_661, officialsDisciplined = 47,
            deadlineViolationsFound = 118,
            violationsByType = new Dictionary<string, long> { ["IncompletePackage"] = 136, ["ExtraDocumentsDemanded"] = 129, ["UnjustifiedRefusal"] = 8 },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var i in new[] { 1, 2 })
        {
            (await steward.PostAsync("/api/complaints", ApiFixture.JsonBody(new { complaintId = $"{body}-c{i}", bodyCode = body, channel = "Body", lodgedOn = $"2017-0{i}-10", summary = "Жалоба" })))
                .EnsureSuccessStatusCode();
            (await steward.PostAsync($"/api/complaints/{body}-c{i}/decide", ApiFixture.JsonBody(new { justified = true, reason = "Обоснована", decidedOn = $"2017-0{i}-15" })))
                .EnsureSuccessStatusCode();
        }

        return new KaragandaScenario(body, oneDay, tenDays, steward, body2017);
    }

    /// <summary>
    /// The evidence and the survey recorded, then the 2017 assessment opened (previous final 39, from the 2016 conclusion),
    /// the body's measures reported and recognised, and the read models caught up.
    /// </summary>
    public static async Task<KaragandaScenario> OpenAsync(ApiFixture fixture)
    {
        var k = await RecordEvidenceAsync(fixture);
        await k.RecordSurveyAsync(fixture);
        var assessor = fixture.Client("assessor", "dana");
        var opened = await assessor.PostAsync("/api/assessments", ApiFixture.JsonBody(new
        {
            bodyCode = k.Body, period = 2017, methodologyCode = "KZ-2017", previousFinal = 39, previousFinalSource = "Заключение за 2016 год",
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        (await k.Steward.PostAsync($"/api/assessments/{k.Body}/2017/measures", ApiFixture.JsonBody(new
        {
            ownMonitoringHeld = true, measuresAdopted = true, description = "Внутренний мониторинг удовлетворённости и план мероприятий",
            documentReference = "Приказ № 12 от 10.03.2017",
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await assessor.PostAsync($"/api/assessments/{k.Body}/2017/measures/recognition", ApiFixture.JsonBody(new
        {
            recognised = true, reason = "План утверждён, мероприятия исполнены",
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return k;
    }

    /// <summary>
    /// The body's public monitoring for 2017: a national campaign over its services with 200 answers about them, 117 of
    /// them "fully satisfied" (5), the rest 4: a top-box share of 58.5 %.
    /// </summary>
    public async Task RecordSurveyAsync(ApiFixture fixture)
    {
        var analyst = fixture.Client("analyst", "aigerim");
        var campaign = $"NPM2017-{Body}";
        (await analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Общественный мониторинг 2017", period = 2017, kind = "NationalPublicMonitoring", scale = 5,
            rankingRule = "ByMeanThenTopBox", methodology = "KZ-2017", smallSampleThreshold = 30, criteria = new[] { "Trust" },
            services = new[] { OneDay, TenDays },
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var csv = new StringBuilder("response_id,service,region,channels,overall\n");
        for (var i = 0; i < 200; i++) csv.Append($"k-{i},{(i % 2 == 0 ? OneDay : TenDays)},KZ-KAR,Body,{(i < 117 ? 5 : 4)}\n");
        var imported = await analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
    }
}

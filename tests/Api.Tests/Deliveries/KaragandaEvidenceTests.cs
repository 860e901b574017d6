using System.Net;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Deliveries;

/// <summary>
/// Acceptance: the evidence figures of the Karaganda 2017 conclusion (seed 003), recorded through the API by the people
/// who find them (steward, information system, inspector) and read back: 540 distinct late deliveries (39 + 504
/// reported), 766 with the inspections' 226, 1,113,538 counted of 5,067,591 delivered, 13,914 incomplete packages,
/// 1,173 extra documents, 2,637 business-process violations, 8 unjustified refusals, 2 justified complaints, 118 of
/// the 766 found by internal control.
/// </summary>
public sealed class KaragandaEvidenceTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_seed_003_evidence_is_reproduced_from_recorded_events()
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
        object Report(string reference, string source, int period, object[] lines, IEnumerable<string> late, int lateData = 0) => new
        {
            reference, source, bodyCode = body, period, lines, lateDataSubmissions = lateData,
            lateDeliveries = late.Select(r => new { reference = r, serviceCode = tenDays }).ToArray(),
        };
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

        // The same submission again is refused and changes nothing; another body's steward may not report for this one.
        (await steward.PostAsync("/api/reports/deliveries", ApiFixture.JsonBody(body2017))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.Client("steward", "other", "SOME-OTHER-BODY").PostAsync("/api/reports/deliveries", ApiFixture.JsonBody(Report("x", "BodyReport", 2017, [], []))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var analyst = fixture.Client("analyst");
        var c = await ApiFixture.ReadJson(await analyst.GetAsync($"/api/reports/deadline-compliance?body={body}&period=2017"));
        c.GetProperty("delivered").GetInt64().ShouldBe(5_067_591);
        c.GetProperty("excludedOneDay").GetInt64().ShouldBe(3_954_053);
        c.GetProperty("counted").GetInt64().ShouldBe(1_113_538);
        c.GetProperty("late").GetInt64().ShouldBe(766);
        c.GetProperty("lateBySource").GetProperty("BodyReport").GetInt64().ShouldBe(39);
        c.GetProperty("lateBySource").GetProperty("InformationSystem").GetInt64().ShouldBe(504);
        c.GetProperty("lateBySource").GetProperty("Inspection").GetInt64().ShouldBe(226);
        Math.Round(c.GetProperty("lateShare").GetDecimal() * 100, 4, MidpointRounding.AwayFromZero).ShouldBe(0.0688m);
        c.GetProperty("foundByInternalControl").GetInt64().ShouldBe(118);
        Math.Round(c.GetProperty("internalControlShare").GetDecimal() * 100, 1, MidpointRounding.AwayFromZero).ShouldBe(15.4m);
        c.GetProperty("lateDataSubmissions").GetInt32().ShouldBe(12);
        c.GetProperty("previous").GetProperty("late").GetInt64().ShouldBe(184);
        c.GetProperty("direction").GetInt32().ShouldBe(-1);
        var services = c.GetProperty("services").EnumerateArray().ToDictionary(x => x.GetProperty("serviceCode").GetString()!);
        services[oneDay].GetProperty("excludedOneDay").GetBoolean().ShouldBeTrue();
        services[tenDays].GetProperty("late").GetInt64().ShouldBe(766);
        services[tenDays].GetProperty("delivered").GetInt64().ShouldBe(1_113_538);

        var q = (await ApiFixture.ReadJson(await analyst.GetAsync($"/api/reports/quality-violations?body={body}&period=2017"))).GetProperty("total");
        q.GetProperty("IncompletePackage").GetInt64().ShouldBe(13_914);
        q.GetProperty("ExtraDocumentsDemanded").GetInt64().ShouldBe(1_173);
        q.GetProperty("BusinessProcessBreach").GetInt64().ShouldBe(2_637);
        q.GetProperty("UnjustifiedRefusal").GetInt64().ShouldBe(8);
        q.GetProperty("DeadlineBreach").GetInt64().ShouldBe(226);

        var complaints = (await ApiFixture.ReadJson(await analyst.GetAsync($"/api/complaints/totals?body={body}&period=2017"))).EnumerateArray().Single();
        complaints.GetProperty("justified").GetInt32().ShouldBe(2);
    }
}

using System.Net;
using Monitoring.Api.Tests.Assessments;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Deliveries;

/// <summary>
/// Acceptance: the evidence figures of the Karaganda 2017 assessment conclusion, recorded through the API by the people
/// who find them (steward, information system, inspector) and read back: 540 distinct late deliveries (39 + 504
/// reported), 766 with the inspections' 226, 1,113,538 counted of 5,067,591 delivered, 13,914 incomplete packages,
/// 1,173 extra documents, 2,637 business-process violations, 8 unjustified refusals, 2 justified complaints, 118 of
/// the 766 found by internal control.
/// </summary>
public sealed class KaragandaEvidenceTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_Karaganda_2017_evidence_is_reproduced_from_recorded_events()
    {
        var k = await KaragandaScenario.RecordEvidenceAsync(fixture);
        var (body, oneDay, tenDays, steward, admin) = (k.Body, k.OneDay, k.TenDays, k.Steward, fixture.Client("admin"));
        object Report(string reference, string source, int period, object[] lines, IEnumerable<string> late, int lateData = 0) =>
            KaragandaScenario.Report(body, tenDays, reference, source, period, lines, late, lateData);
        var body2017 = k.Body2017Report;

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

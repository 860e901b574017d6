using System.Net;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Tests.Inspections;

public sealed class InspectionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _inspector = fixture.Client("inspector", "nurlan");

    private Task<(string Inspection, string Body, string Service)> OpenAsync() => InspectionsApi.OpenAsync(fixture, _inspector);

    private Task<HttpResponseMessage> Record(string inspection, string violation, string type, string service, long count = 0, string[]? cases = null) =>
        _inspector.PostAsync($"/api/inspections/{inspection}/violations", ApiFixture.JsonBody(new
        {
            violationId = violation, type, serviceCode = service, period = 2017, count, cases, evidence = "Акт проверки, п. 3",
        }));

    [Fact]
    public async Task Violations_stand_until_revoked_or_corrected_and_a_closed_inspection_takes_no_more()
    {
        var (inspection, body, service) = await OpenAsync();
        (await Record(inspection, "v1", "IncompletePackage", service, 13_778)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Record(inspection, "v2", "ExtraDocumentsDemanded", service, 1_044)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Record(inspection, "v3", "DeadlineBreach", service, cases: ["APP-1", "APP-2", "APP-3"])).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _inspector.PostAsync($"/api/inspections/{inspection}/close", ApiFixture.JsonBody(new
        {
            closedOn = "2018-03-01", findings = "Выявлены нарушения", recommendations = new[] { new { recommendationId = "r1", text = "Устранить" } },
        }))).EnsureSuccessStatusCode();

        (await Record(inspection, "v4", "DeadlineBreach", service, 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _inspector.PostAsync($"/api/inspections/{inspection}/violations/v2/revoke", ApiFixture.JsonBody(new { reason = "Документ предусмотрен стандартом" })))
            .EnsureSuccessStatusCode();
        (await _inspector.PostAsync($"/api/inspections/{inspection}/violations/v1/correct",
            ApiFixture.JsonBody(new { type = "IncompletePackage", count = 13_700, reason = "Пересчёт по журналу" }))).EnsureSuccessStatusCode();

        var totals = await fixture.GetAsync<List<ViolationTotal>>($"/api/inspections/violations?body={body}&groupBy=type", "inspector");
        totals.ToDictionary(t => t.Group["type"]!, t => t.Count)
            .ShouldBe(new Dictionary<string, long> { ["DeadlineBreach"] = 3, ["IncompletePackage"] = 13_700 });

        var view = await fixture.GetAsync<InspectionView>($"/api/inspections/{inspection}", "inspector");
        var v2 = view.Violations.Single(v => v.ViolationId == "v2");
        v2.Revoked.ShouldBeTrue();
        v2.History.Select(h => h.Change).ShouldBe(["recorded", "revoked"]);
        v2.History[1].RecordedBy.RecordedBy.ShouldBe("nurlan (inspector)");
        view.Closed.ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_violations_are_refused_by_field_and_only_inspectors_record()
    {
        var (inspection, _, service) = await OpenAsync();
        var outOfScope = await Record(inspection, "x1", "DeadlineBreach", "PM-NOT-IN-SCOPE", 1);
        outOfScope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(outOfScope)).Errors.ShouldContainKey("serviceCode");

        var noCount = await Record(inspection, "x2", "DeadlineBreach", service, 0);
        noCount.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(noCount)).Errors.ShouldContainKey("count");

        var badType = await Record(inspection, "x3", "Shouting", service, 1);
        badType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await fixture.Client("analyst").PostAsync($"/api/inspections/{inspection}/violations", ApiFixture.JsonBody(new
        {
            violationId = "x4", type = "DeadlineBreach", serviceCode = service, period = 2017, count = 1, evidence = "e",
        }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await fixture.GetAsync<InspectionView>($"/api/inspections/{inspection}")).Violations.ShouldBeEmpty();
        (await _inspector.GetAsync("/api/inspections/NOPE")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

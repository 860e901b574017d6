using System.Net;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Methodology;
using static Monitoring.Domain.Methodology.Kz2017.Inputs;

namespace Monitoring.Api.Tests.Methodology;

public sealed class MethodologyTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _assessor = fixture.Client("assessor", "saule");

    [Fact]
    public async Task An_assessor_publishes_a_version_once_and_anyone_can_score_what_if_under_it()
    {
        var code = $"KZ-2017-T{Guid.NewGuid().ToString("N")[..4]}";
        var version = Kz2017.Version with { Code = code };
        var published = await _assessor.PostAsync("/api/methodologies", ApiFixture.JsonBody(new { version, reason = "Тест" }));
        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        (await _assessor.PostAsync("/api/methodologies", ApiFixture.JsonBody(new { version, reason = "Правка" }))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var read = await ApiFixture.ReadJson(await fixture.Client("auditor").GetAsync($"/api/methodologies/{code}"));
        read.GetProperty("version").GetProperty("reconstructed").GetBoolean().ShouldBeTrue();
        read.GetProperty("publishedBy").GetProperty("recordedBy").GetString().ShouldBe("saule (assessor)");

        var inputs = new Dictionary<string, decimal?>
        {
            [TopBoxShare] = 0.585m, [MonitoringHeld] = 1, [MeasuresAdopted] = 1, [Late] = 766, [Counted] = 1_113_538, [PreviousLate] = 184,
            [UnjustifiedRefusals] = 8, [IncompletePackage] = 13_914, [ExtraDocuments] = 1_173, [BusinessProcess] = 2_637,
            [JustifiedComplaints] = 2, [FoundByInternalControl] = 118,
        };
        var score = await ApiFixture.ReadJson(await fixture.Client("analyst").PostAsync($"/api/methodologies/{code}/score",
            ApiFixture.JsonBody(new { inputs, previousFinal = 39 })));
        score.GetProperty("final").GetDecimal().ShouldBe(40.95m);
        score.GetProperty("change").GetDecimal().ShouldBe(1.95m);
        score.GetProperty("criteria")[2].GetProperty("indicators")[0].GetProperty("derivation").GetString()!.ShouldContain("480");
    }

    [Fact]
    public async Task The_reconstructed_default_version_is_published_at_the_first_start()
    {
        HttpResponseMessage response;
        var until = DateTime.UtcNow.AddSeconds(30);
        do
        {
            response = await fixture.Client("analyst").GetAsync("/api/methodologies/KZ-2017");
            if (response.StatusCode == HttpStatusCode.OK) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < until);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await ApiFixture.ReadJson(response);
        view.GetProperty("version").GetProperty("reconstructed").GetBoolean().ShouldBeTrue();
        view.GetProperty("publishedBy").GetProperty("recordedBy").GetString().ShouldBe("system (default methodology)");
    }

    [Fact]
    public async Task A_version_whose_maxima_do_not_add_up_is_refused_and_only_assessors_publish()
    {
        var broken = Kz2017.Version with { Code = "BROKEN-1", Criteria = [Kz2017.Version.Criteria[0] with { Max = 45 }, .. Kz2017.Version.Criteria.Skip(1)] };
        var refused = await _assessor.PostAsync("/api/methodologies", ApiFixture.JsonBody(new { version = broken, reason = "x" }));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(refused)).Errors.ShouldContainKey("version.criteria");
        (await _assessor.GetAsync("/api/methodologies/BROKEN-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.Client("analyst").PostAsync("/api/methodologies", ApiFixture.JsonBody(new { version = Kz2017.Version with { Code = "X-2" }, reason = "x" })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

using Monitoring.Projections.Methodology;
using System.Net.Http.Json;
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

        var read = await fixture.GetAsync<MethodologyView>($"/api/methodologies/{code}");
        read.Version.Reconstructed.ShouldBeTrue();
        read.PublishedBy.RecordedBy.ShouldBe("saule (assessor)");

        var inputs = new Dictionary<string, decimal?>
        {
            [TopBoxShare] = 0.585m, [MonitoringHeld] = 1, [MeasuresAdopted] = 1, [Late] = 766, [Counted] = 1_113_538, [PreviousLate] = 184,
            [UnjustifiedRefusals] = 8, [IncompletePackage] = 13_914, [ExtraDocuments] = 1_173, [BusinessProcess] = 2_637,
            [JustifiedComplaints] = 2, [FoundByInternalControl] = 118,
        };
        var scored = await fixture.Client("analyst").PostAsync($"/api/methodologies/{code}/score", ApiFixture.JsonBody(new { inputs, previousFinal = 39 }));
        var score = (await scored.Content.ReadFromJsonAsync<ScorecardResult>(ApiFixture.Json))!;
        (score.Final, score.Change).ShouldBe((40.95m, 1.95m));
        score.Criteria[2].Indicators[0].Derivation.ShouldContain("480");
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
        var view = (await response.Content.ReadFromJsonAsync<MethodologyView>(ApiFixture.Json))!;
        view.Version.Reconstructed.ShouldBeTrue();
        view.PublishedBy.RecordedBy.ShouldBe("system (default methodology)");
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

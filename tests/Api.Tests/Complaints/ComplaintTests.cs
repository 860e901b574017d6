using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Complaints;
using Monitoring.Application.Complaints;

namespace Monitoring.Api.Tests.Complaints;

public sealed class ComplaintTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Complaints_are_decided_answered_and_found_overdue_by_the_recurring_job_once()
    {
        var body = $"CB{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var admin = new CatalogueApi(fixture.Client("admin"));
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body, "Local", region: "KZ-KAR")));
        // A steward acts for the body in their token only.
        var steward = fixture.Client("steward", "gulnar", body);

        async Task Lodge(string id, string on) =>
            (await steward.PostAsync("/api/complaints", ApiFixture.JsonBody(new { complaintId = $"{body}-{id}", bodyCode = body, channel = "Body", lodgedOn = on, summary = "Нарушен срок" })))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await Lodge("1", "2017-03-01");
        await Lodge("2", "2017-05-10");
        await Lodge("3", "2017-11-20");
        (await steward.PostAsync($"/api/complaints/{body}-1/decide", ApiFixture.JsonBody(new { justified = true, reason = "Срок нарушен", decidedOn = "2017-03-05" }))).EnsureSuccessStatusCode();
        (await steward.PostAsync($"/api/complaints/{body}-2/decide", ApiFixture.JsonBody(new { justified = true, reason = "Документы истребованы", decidedOn = "2017-05-12" }))).EnsureSuccessStatusCode();
        (await steward.PostAsync($"/api/complaints/{body}-3/decide", ApiFixture.JsonBody(new { justified = false, reason = "Не подтвердилось", decidedOn = "2017-11-25" }))).EnsureSuccessStatusCode();
        (await steward.PostAsync($"/api/complaints/{body}-1/answer", ApiFixture.JsonBody(new { answeredOn = "2017-03-10" }))).EnsureSuccessStatusCode();
        (await steward.PostAsync($"/api/complaints/{body}-1/decide", ApiFixture.JsonBody(new { justified = false, reason = "again", decidedOn = "2017-03-11" })))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using (var scope = fixture.Host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ComplaintDeadlineJob>().RunAsync()).ShouldBe(2);
            (await scope.ServiceProvider.GetRequiredService<ComplaintDeadlineJob>().RunAsync()).ShouldBe(0);
        }

        var totals = (await fixture.GetAsync<List<ComplaintTotals>>($"/api/complaints/totals?body={body}", "steward", body)).ShouldHaveSingleItem();
        (totals.Lodged, totals.Justified, totals.Unjustified, totals.AnsweredOnTime, totals.Overdue).ShouldBe((3, 2, 1, 1, 2));

        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync($"complaint:{body}-2");
        events.Last().UserName.ShouldBe(ComplaintDeadlineJob.User);
    }

    [Fact]
    public async Task Only_a_steward_or_an_admin_records_complaints()
    {
        (await fixture.Client("inspector").PostAsync("/api/complaints", ApiFixture.JsonBody(new { complaintId = "x", bodyCode = "X", channel = "Body", lodgedOn = "2017-01-01", summary = "s" })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var unknownBody = await fixture.Client("steward", "gulnar", "NO-BODY").PostAsync("/api/complaints", ApiFixture.JsonBody(new { complaintId = "y", bodyCode = "NO-BODY", channel = "Body", lodgedOn = "2017-01-01", summary = "s" }));
        unknownBody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(unknownBody)).Errors.ShouldContainKey("bodyCode");
    }
}

using System.Net;
using System.Reflection;
using Marten.Events;
using Marten;
using Monitoring.Api.Auth;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Application.Complaints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Monitoring.Api.Tests.Authorization;

/// <summary>
/// Stewards act for the body in their token only, on every endpoint marked <see cref="BodyScopedAttribute"/>: found
/// by that metadata, each needs a sample request below (a new body-scoped endpoint without one fails), and a write
/// endpoint a steward can reach without the marker fails too.
/// </summary>
public sealed class BodyScopeAuthorizationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>A valid request of an endpoint, made for <see cref="World.Own"/>'s data (its set-up done, e.g. a complaint lodged).</summary>
    private sealed record Sample(string Url, object Body);

    /// <summary>Valid requests per body-scoped endpoint, by endpoint name. A body-scoped endpoint must have one here.</summary>
    private static readonly Dictionary<string, Func<World, Task<Sample>>> Samples = new()
    {
        ["LodgeComplaint"] = w => Task.FromResult(new Sample("/api/complaints", new
        {
            complaintId = w.NewId("C"), bodyCode = w.Own, channel = "Body", lodgedOn = "2017-03-01", summary = "Нарушен срок",
        })),
        ["DecideComplaint"] = async w => new Sample($"/api/complaints/{await w.LodgeComplaintAsync()}/decide",
            new { justified = true, reason = "Срок нарушен", decidedOn = "2017-03-05" }),
        ["AnswerComplaint"] = async w => new Sample($"/api/complaints/{await w.LodgeComplaintAsync()}/answer", new { answeredOn = "2017-03-10" }),
        ["SubmitDeliveryReport"] = w => Task.FromResult(new Sample("/api/reports/deliveries", new
        {
            reference = w.NewId("D"), source = "BodyReport", bodyCode = w.Own, period = 2017, lines = Array.Empty<object>(),
            lateDeliveries = Array.Empty<object>(), lateDataSubmissions = 0,
        })),
        ["SubmitInternalControlReport"] = w => Task.FromResult(new Sample("/api/reports/internal-control", new
        {
            reference = w.NewId("IC"), bodyCode = w.Own, period = 2017, controlMeasures = 3, violationsFound = 1, officialsDisciplined = 0,
            deadlineViolationsFound = 1,
        })),
        ["ReportSatisfactionMeasures"] = async w =>
        {
            await w.OpenAssessmentAsync(2017);
            return new Sample($"/api/assessments/{w.Own}/2017/measures", new
            {
                ownMonitoringHeld = true, measuresAdopted = true, description = "Опрос получателей", documentReference = "Приказ № 1",
            });
        },
    };

    /// <summary>Two bodies: the stewards' own (<see cref="Own"/>) and another (<see cref="Other"/>).</summary>
    private sealed class World(ApiFixture fixture, string own, string other)
    {
        private int _next;
        public string Own { get; } = own;
        public string Other { get; } = other;
        public HttpClient Admin { get; } = fixture.Client("admin", "authz-admin");

        public string NewId(string prefix) => $"{Own}-{prefix}{Interlocked.Increment(ref _next)}";

        public async Task<string> LodgeComplaintAsync()
        {
            var id = NewId("C");
            var r = await Admin.PostAsync("/api/complaints", ApiFixture.JsonBody(new
                { complaintId = id, bodyCode = Own, channel = "Body", lodgedOn = "2017-03-01", summary = "Нарушен срок" }));
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return id;
        }

        public async Task OpenAssessmentAsync(int period)
        {
            // The default methodology is published by a background service at start; wait for it.
            for (var i = 0; (await Admin.GetAsync("/api/methodologies/KZ-2017")).StatusCode != HttpStatusCode.OK; i++)
            {
                i.ShouldBeLessThan(100, "the default methodology was not published");
                await Task.Delay(100);
            }
            var r = await fixture.Client("assessor", "authz-assessor").PostAsync("/api/assessments",
                ApiFixture.JsonBody(new { bodyCode = Own, period, methodologyCode = "KZ-2017" }));
            r.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict], await r.Content.ReadAsStringAsync());
        }
    }

    private async Task<World> WorldAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var world = new World(fixture, $"OWN-{suffix}", $"OTHER-{suffix}");
        var catalogue = new CatalogueApi(world.Admin);
        await catalogue.Created(catalogue.RegisterBody(CatalogueApi.Body(world.Own, "Local", region: "KZ-KAR")));
        await catalogue.Created(catalogue.RegisterBody(CatalogueApi.Body(world.Other, "Local", region: "KZ-KAR")));
        return world;
    }

    private Task<EventStoreStatistics> StatisticsAsync() => fixture.Store.Advanced.FetchEventStoreStatistics();

    private static async Task ShouldBeRefused(HttpResponseMessage response, string title)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ApiFixture.ReadJson(response)).GetProperty("title").GetString().ShouldBe(title, text);
    }

    private static void ShouldBeUnchanged(EventStoreStatistics before, EventStoreStatistics after, string what)
    {
        after.EventCount.ShouldBe(before.EventCount, $"{what}: events were written");
        after.StreamCount.ShouldBe(before.StreamCount, $"{what}: streams were started");
        after.EventSequenceNumber.ShouldBe(before.EventSequenceNumber, $"{what}: an append was attempted");
    }

    [Fact]
    public async Task Every_body_scoped_endpoint_has_a_sample_request()
    {
        var scoped = (await ApiEndpoint.AllAsync(fixture.Host.Services)).Where(e => e.BodyScoped is not null).ToList();
        scoped.ShouldNotBeEmpty();
        scoped.Where(e => !Samples.ContainsKey(e.Name)).Select(e => e.ToString())
            .ShouldBeEmpty("add a sample request for each body-scoped endpoint to BodyScopeAuthorizationTests.Samples");
        Samples.Keys.Except(scoped.Select(e => e.Name)).ShouldBeEmpty("a sample names an endpoint that is not body-scoped (renamed or unmarked?)");
    }

    [Fact]
    public async Task On_every_body_scoped_endpoint_a_steward_acts_for_their_own_body_only()
    {
        var world = await WorldAsync();
        var ownSteward = fixture.Client("steward", "own-steward", world.Own);
        var otherSteward = fixture.Client("steward", "other-steward", world.Other);
        var bodilessSteward = fixture.Client("steward", "bodiless-steward");
        var scoped = (await ApiEndpoint.AllAsync(fixture.Host.Services)).Where(e => e.BodyScoped is not null).ToList();
        scoped.ShouldNotBeEmpty();

        foreach (var endpoint in scoped)
        {
            Samples.TryGetValue(endpoint.Name, out var make).ShouldBeTrue($"{endpoint} has no sample request");
            endpoint.Method.ShouldBe("POST", $"{endpoint}: extend the sample request with its method");
            var sample = await make!(world);

            // Refused first, with the very request that then succeeds: a refusal leaves nothing behind that would make it a 409.
            foreach (var (client, title, who) in new[]
                     { (otherSteward, BodyForbidden.NotYourBodyTitle, "another body's steward"), (bodilessSteward, BodyForbidden.NoBodyTitle, "a steward without a body") })
            {
                var before = await StatisticsAsync();
                await ShouldBeRefused(await client.PostAsync(sample.Url, ApiFixture.JsonBody(sample.Body)), title);
                ShouldBeUnchanged(before, await StatisticsAsync(), $"{endpoint} as {who}");
            }

            var own = await ownSteward.PostAsync(sample.Url, ApiFixture.JsonBody(sample.Body));
            ((int)own.StatusCode).ShouldBeInRange(200, 299, $"{endpoint} as the body's own steward: {await own.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_steward_of_another_body_cannot_lodge_decide_or_answer_a_complaint_and_its_totals_stay()
    {
        var world = await WorldAsync();
        var ownSteward = fixture.Client("steward", "own-steward", world.Own);
        var otherSteward = fixture.Client("steward", "other-steward", world.Other);
        var bodilessSteward = fixture.Client("steward", "bodiless-steward");
        var complaint = $"{world.Own}-1";
        (await ownSteward.PostAsync("/api/complaints", ApiFixture.JsonBody(new
            { complaintId = complaint, bodyCode = world.Own, channel = "Body", lodgedOn = "2017-03-01", summary = "Нарушен срок" })))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        async Task<string> Totals() => (await ownSteward.GetStringAsync($"/api/complaints/totals?body={world.Own}"));
        var totals = await Totals();
        var before = await StatisticsAsync();

        foreach (var (steward, title) in new[] { (otherSteward, BodyForbidden.NotYourBodyTitle), (bodilessSteward, BodyForbidden.NoBodyTitle) })
        {
            await ShouldBeRefused(await steward.PostAsync("/api/complaints", ApiFixture.JsonBody(new
                { complaintId = $"{world.Own}-2", bodyCode = world.Own, channel = "Body", lodgedOn = "2017-03-02", summary = "Чужая" })), title);
            await ShouldBeRefused(await steward.PostAsync($"/api/complaints/{complaint}/decide",
                ApiFixture.JsonBody(new { justified = true, reason = "Срок нарушен", decidedOn = "2017-03-05" })), title);
            await ShouldBeRefused(await steward.PostAsync($"/api/complaints/{complaint}/answer", ApiFixture.JsonBody(new { answeredOn = "2017-03-10" })), title);
        }

        ShouldBeUnchanged(before, await StatisticsAsync(), "complaint refused");
        (await Totals()).ShouldBe(totals);
        var view = await ApiFixture.ReadJson(await ownSteward.GetAsync($"/api/complaints/{complaint}"));
        view.GetProperty("justified").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await ownSteward.GetAsync($"/api/complaints/{world.Own}-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The body's own steward and an admin still may.
        (await ownSteward.PostAsync($"/api/complaints/{complaint}/decide",
            ApiFixture.JsonBody(new { justified = true, reason = "Срок нарушен", decidedOn = "2017-03-05" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await world.Admin.PostAsync($"/api/complaints/{complaint}/answer", ApiFixture.JsonBody(new { answeredOn = "2017-03-10" })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_write_endpoint_a_steward_can_reach_is_body_scoped_or_says_why_not()
    {
        ApiEndpoint.BodyScopeViolations(await ApiEndpoint.AllAsync(fixture.Host.Services)).ShouldBeEmpty();
    }

    /// <summary>The rule above catches what it is for: an endpoint a steward may call, binding a command that names a
    /// body, mapped without the marker (made here from metadata alone, as a new endpoint would be).</summary>
    [Fact]
    public async Task An_unmarked_write_endpoint_binding_a_body_scoped_command_is_caught()
    {
        var provider = fixture.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        RouteEndpoint Endpoint(params object[] extra) => new(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/complaints/unmarked"), 0,
            new EndpointMetadataCollection([new AuthorizeAttribute(Policies.ReportWrite), new HttpMethodMetadata(["POST"]),
                new Accepts(typeof(LodgeComplaint)), new EndpointNameMetadata("Unmarked"), .. extra]), "unmarked");

        var unmarked = ApiEndpoint.BodyScopeViolations(await ApiEndpoint.OfAsync(Endpoint(), provider));
        unmarked.Count.ShouldBe(2);
        unmarked.ShouldContain(v => v.Contains("binds LodgeComplaint, which names a body"));
        ApiEndpoint.BodyScopeViolations(await ApiEndpoint.OfAsync(Endpoint(new BodyScopedAttribute(typeof(LodgeComplaint))), provider)).ShouldBeEmpty();
    }

    private sealed record Accepts(Type RequestType) : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes => ["application/json"];
        Type? IAcceptsMetadata.RequestType => RequestType;
        public bool IsOptional => false;
    }

    [Fact]
    public void Every_command_naming_a_body_implements_IBodyScoped()
    {
        var handlers = typeof(Sending).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Handler"))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).Where(m => m.Name is "Handle" or "HandleAsync"))
            .ToList();
        var commands = handlers.Select(m => m.GetParameters()[0].ParameterType).Distinct().ToList();
        commands.Count.ShouldBeGreaterThan(20);
        commands.Where(c => c.GetProperty("BodyCode")?.PropertyType == typeof(string) && !typeof(IBodyScoped).IsAssignableFrom(c))
            .Select(c => c.Name).ShouldBeEmpty("a command naming a body must implement IBodyScoped");
    }

    /// <summary>A body-scoped endpoint whose command does not name its body acts on an entity by id: its handler must
    /// take the sender (<see cref="Actor"/>) to check the body of what it loads (the sample requests prove it does).</summary>
    [Fact]
    public async Task Body_scoped_endpoints_acting_by_id_have_handlers_that_take_the_actor()
    {
        var handlers = typeof(Sending).Assembly.GetTypes().Where(t => t.Name.EndsWith("Handler"))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name is "Handle" or "HandleAsync"))
            .ToDictionary(m => m.GetParameters()[0].ParameterType);
        var byId = (await ApiEndpoint.AllAsync(fixture.Host.Services))
            .Where(e => e.BodyScoped is { } s && !typeof(IBodyScoped).IsAssignableFrom(s.Command)).ToList();
        byId.ShouldNotBeEmpty();
        foreach (var endpoint in byId)
            handlers[endpoint.BodyScoped!.Command].GetParameters().Select(p => p.ParameterType)
                .ShouldContain(typeof(Actor), $"{endpoint}: the handler must take the Actor and check the loaded entity's body");
    }
}

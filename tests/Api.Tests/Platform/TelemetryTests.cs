using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// One request is one trace from the HTTP span through Wolverine's handler to the SQL statements Npgsql sends, and
/// <c>/metrics</c> (admins) gives the Prometheus text with the projections' lag per shard.
/// </summary>
public sealed class TelemetryTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_write_is_one_trace_from_the_http_span_through_the_handler_to_the_sql()
    {
        var spans = new ConcurrentBag<Activity>();
        var traceId = ActivityTraceId.CreateRandom();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == traceId) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var client = fixture.Client("admin");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalogue/bodies") { Content = ApiFixture.JsonBody(CatalogueApi.Body($"OTEL-{Guid.NewGuid():N}"[..12])) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var sources = spans.Select(s => s.Source.Name).Distinct().ToList();
        sources.ShouldContain("Microsoft.AspNetCore", string.Join(", ", sources));
        sources.ShouldContain(s => s.StartsWith("Wolverine"), string.Join(", ", sources));
        var sql = spans.Where(s => s.Source.Name == "Npgsql").ToList();
        sql.ShouldNotBeEmpty(string.Join(", ", sources));
        sql.ShouldContain(s => s.Tags.Any(t => t.Key.StartsWith("db.") && (t.Value ?? "").Contains("mt_", StringComparison.OrdinalIgnoreCase)),
            "the statements Marten sends to its tables are on the spans");
    }

    [Fact]
    public async Task Metrics_are_scraped_by_admins_with_the_projection_lag_per_shard()
    {
        (await fixture.Client(null).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Client("analyst").GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = fixture.Client("admin");
        var text = "";
        for (var i = 0; i < 40 && !text.Contains("monitoring_projection_lag"); i++)
        {
            if (i > 0) await Task.Delay(500);
            var response = await admin.GetAsync("/metrics");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync();
        }
        text.ShouldContain("monitoring_projection_lag");
        text.ShouldContain("shard=\"SurveyFacts:All\"");
        text.ShouldContain("http_server_request_duration");
    }
}

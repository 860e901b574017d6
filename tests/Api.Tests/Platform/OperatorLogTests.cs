using System.Net;
using System.Text.Json;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Trust;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// The log an operator reads: two nodes started at the same moment on an empty database, with the JSON console format
/// switched on by configuration, then the conflicts a busy system has every day (writers racing for one record, a stale
/// expected version, invalid input). The normal case is never an error: no line at Error or above from either node; the
/// refused request is one Information line, without a stack trace, carrying the correlation id the client was given;
/// every line is one JSON object.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class OperatorLogTests(ApiProcessFixture processes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiProcessFixture>
{
    private static readonly Dictionary<string, string> JsonLogs = new()
    {
        ["Logging__Console__FormatterName"] = "json",
        ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
    };

    [Fact]
    public async Task Nodes_starting_together_and_expected_conflicts_log_no_error_and_each_refusal_once_at_information_with_its_correlation_id()
    {
        var nodes = await processes.StartTogetherAsync(2, TimeSpan.FromSeconds(120), JsonLogs);
        using var first = processes.Admin(nodes[0], "log-test");
        using var second = processes.Admin(nodes[1], "log-test");

        (await first.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("LOGS")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Writers racing for the same stream on both nodes, with no expected version: retried, every one accepted.
        var renames = Enumerable.Range(1, 12).Select(i => (i % 2 == 0 ? first : second).PostAsync("/api/catalogue/bodies/LOGS/rename",
            ApiFixture.JsonBody(new { nameRu = $"Орган {i}", effectiveFrom = $"2018-01-{i:00}", reason = "race" })));
        foreach (var response in await Task.WhenAll(renames)) response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        // A stale expected version: 409, and the id the client is given to quote.
        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/catalogue/bodies/LOGS/rename")
        {
            Content = ApiFixture.JsonBody(new { nameRu = "Поздно", effectiveFrom = "2019-01-01", reason = "stale", expectedVersion = 1 }),
        };
        stale.Headers.Add("X-Correlation-Id", "log-test-stale-1");
        var conflict = await first.SendAsync(stale);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiFixture.ReadJson(conflict)).GetProperty("correlationId").GetString().ShouldBe("log-test-stale-1");
        var invalid = await first.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(new { code = "", nameRu = "" }));
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Refused without an exception: an unknown query parameter (the guard answers it), and no token at all.
        (await first.GetAsync("/api/catalogue/bodies?colour=red")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var anonymous = nodes[0].Client()) (await anonymous.GetAsync("/api/catalogue/bodies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Task.Delay(1_000); // the console logger writes on a thread of its own

        var entries = new List<JsonElement>();
        foreach (var node in nodes)
            foreach (var line in node.Lines(_ => true))
            {
                // One JSON object per line: a log shipper reads it without a multi-line parser.
                JsonElement entry;
                try { entry = JsonDocument.Parse(line).RootElement.Clone(); }
                catch (JsonException) { throw new ShouldAssertException($"a log line is not JSON: {line}"); }
                entries.Add(entry);
            }
        output.WriteLine($"{entries.Count} log entries from the two nodes");
        static string Level(JsonElement e) => e.GetProperty("LogLevel").GetString()!;

        entries.Where(e => Level(e) is "Error" or "Critical").Select(e => e.GetRawText()).ShouldBeEmpty();
        // The loser of the race for the default methodology says so, as the normal case.
        entries.Any(e => Level(e) == "Information" && e.GetProperty("Message").GetString()!.Contains("another node did it at the same moment"))
            .ShouldBeTrue("the node that lost the race for the default methodology logs it at Information");

        var refusal = entries.Where(e => e.GetProperty("Message").GetString()!.Contains("409") && e.GetProperty("Message").GetString()!.Contains("/api/catalogue/bodies/LOGS/rename")).ShouldHaveSingleItem();
        Level(refusal).ShouldBe("Information");
        refusal.TryGetProperty("Exception", out _).ShouldBeFalse("a refused request is no fault: no stack trace");
        refusal.GetProperty("Message").GetString()!.ShouldContain("log-test-stale-1");
        // The request's scope carries the correlation id as a field of its own, on every line written while it ran.
        refusal.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("CorrelationId", out var id) && id.GetString() == "log-test-stale-1")
            .ShouldBeTrue($"the correlation id is a field of the request's scope: {refusal}");
        var badInput = entries.Where(e => e.GetProperty("Message").GetString()!.StartsWith("400 The request is invalid on POST")).ShouldHaveSingleItem();
        Level(badInput).ShouldBe("Information");
        badInput.GetProperty("Message").GetString()!.ShouldContain("level: is required");
        // The refusals answered without an exception are one Information line each too, with the correlation id.
        foreach (var (status, path) in new[] { ("400", "/api/catalogue/bodies"), ("401", "/api/catalogue/bodies") })
        {
            var line = entries.Where(e => e.GetProperty("Message").GetString()!.StartsWith($"{status} on GET {path}")).ShouldHaveSingleItem();
            Level(line).ShouldBe("Information");
            line.GetProperty("Message").GetString()!.ShouldContain("(correlation ");
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Platform;

/// <summary>
/// The OpenAPI document as the tools that generate clients, validate traffic (Prism) and lint documents (Redocly's
/// recommended rules) read it. Every exchange of every API test is held to the document by <see cref="ContractCheck"/>;
/// these tests check the document's own shape, and that the check does fail on traffic the document does not describe.
/// </summary>
public sealed class ContractTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await fixture.Host.Server.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    private static IEnumerable<JsonNode> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Descendants(p.Value).Prepend(o)).Distinct(),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    [Fact]
    public async Task Every_operation_has_a_summary_its_refusals_and_nullable_values_are_described_once()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThan(80);

        // Redocly (recommended): operation-summary, operation-4xx-response, tag-description, no-server-trailing-slash,
        // operation-operationId-unique.
        operations.Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => $"{o.Method} {o.Path}").ShouldBeEmpty();
        operations.Where(o => !o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4'))).Select(o => $"{o.Method} {o.Path}").ShouldBeEmpty();
        document["tags"]!.AsArray().Where(t => string.IsNullOrWhiteSpace(t!["description"]?.GetValue<string>())).Select(t => t!["name"]!.ToString()).ShouldBeEmpty();
        document["servers"]?.AsArray().Select(s => s!["url"]!.GetValue<string>()).Where(u => u.EndsWith('/')).ShouldBeEmpty();
        var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).Where(id => id is not null).ToList();
        ids.ShouldBeUnique();

        // A nullable value is anyOf [null, …]: no oneOf whose branches would both match null (Prism refused such requests).
        var nodes = Descendants(document).OfType<JsonObject>().ToList();
        nodes.Where(n => n["oneOf"] is JsonArray one && one.Any(b => b?["type"]?.ToString() == "null")).ShouldBeEmpty();
        // A shared enum lists values only; the nullable use adds the null.
        document["components"]!["schemas"]!.AsObject()
            .Where(s => s.Value?["enum"] is JsonArray values && values.Any(v => v is null)).Select(s => s.Key).ShouldBeEmpty();
        // Problems carry the correlation id to quote.
        document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["correlationId"].ShouldNotBeNull();

        // Read-your-writes is part of the contract: writes say their sequence, reads may wait for it.
        var register = operations.Single(o => o.Method == "post" && o.Path == "/api/catalogue/bodies").Operation;
        register["responses"]!["201"]!["headers"]!["X-Event-Sequence"].ShouldNotBeNull();
        var list = operations.Single(o => o.Method == "get" && o.Path == "/api/catalogue/bodies").Operation;
        list["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.ToString() == "X-Min-Sequence" && p["in"]!.ToString() == "header");
        list["responses"]!["412"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_check_passes_what_the_api_answers_and_refuses_a_body_or_status_the_document_does_not_describe()
    {
        // Real traffic: an accepted request and its answer conform (the client checks it, or this would throw).
        using var admin = fixture.Client("admin");
        var created = await admin.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(CatalogueApi.Body("CONTRACT")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // Answers the document does not describe: a list answered as an object, an object missing its required fields,
        // and a status the operation does not list.
        var request = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/catalogue/bodies");
        (await fixture.Contract.ViolationsAsync(request, Json(HttpStatusCode.OK, """{"bodies": []}"""))).ShouldNotBeEmpty();
        var one = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/catalogue/bodies/CONTRACT");
        (await fixture.Contract.ViolationsAsync(one, Json(HttpStatusCode.OK, """{"unexpected": 1}"""))).ShouldNotBeEmpty();
        (await fixture.Contract.ViolationsAsync(one, Json((HttpStatusCode)418, """{"title": "teapot"}""")))
            .ShouldContain(v => v.Contains("418") && v.Contains("does not list"));
        // An accepted request whose body the document would refuse (a wrong type for a field).
        var wrong = new HttpRequestMessage(HttpMethod.Post, "http://localhost/api/catalogue/bodies")
        {
            Content = new StringContent("""{"code": 5, "nameRu": "x", "level": "Central", "effectiveFrom": "2017-01-01"}""", Encoding.UTF8, "application/json"),
        };
        (await fixture.Contract.ViolationsAsync(wrong, Json(HttpStatusCode.Created, (await created.Content.ReadAsStringAsync()))))
            .ShouldContain(v => v.Contains("request"));
        ContractCheck.Checked.Count.ShouldBeGreaterThan(0);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

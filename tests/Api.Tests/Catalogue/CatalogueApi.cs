using System.Net;
using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Catalogue;

/// <summary>Small client for the catalogue endpoints used by the tests.</summary>
public sealed class CatalogueApi(HttpClient client)
{
    public static object Body(string code, string level = "Central", string? parent = null, string? region = null) => new
    {
        code, nameRu = $"Орган {code}", nameKk = $"{code} органы", level, parentCode = parent, regionCode = region,
        effectiveFrom = "2017-01-01",
    };

    public static object Passport(string bodyCode, decimal termDays = 30, string effectiveFrom = "2017-01-01", string level = "Central",
        string[]? channels = null, bool paid = false) => new
    {
        bodyCode, level, channels = channels ?? ["Body", "StateCorporation", "EGov"],
        standardTerm = new { value = termDays, unit = "WorkingDays" }, maxQueueWaitMinutes = 30, paid, effectiveFrom,
    };

    public static object Service(string code, string bodyCode, decimal termDays = 30) => new
    {
        code, nameRu = $"Услуга {code}", nameKk = $"{code} қызметі", passport = Passport(bodyCode, termDays),
    };

    public Task<HttpResponseMessage> RegisterBody(object body) => client.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(body));

    public Task<HttpResponseMessage> RegisterService(object service) => client.PostAsync("/api/catalogue/services", ApiFixture.JsonBody(service));

    public Task<HttpResponseMessage> Post(string path, object body) => client.PostAsync(path, ApiFixture.JsonBody(body));

    public Task<HttpResponseMessage> Get(string path) => client.GetAsync(path);

    public async Task<JsonElement> GetJson(string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(response);
    }

    public async Task Created(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Inspections;

/// <summary>What the inspection tests set up through the API.</summary>
public static class InspectionsApi
{
    /// <summary>
    /// A new local body with one service (registered by an admin) and an inspection of it over 2017 opened by
    /// <paramref name="inspector"/>.
    /// </summary>
    public static async Task<(string Inspection, string Body, string Service)> OpenAsync(ApiFixture fixture, HttpClient inspector)
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        var body = $"AK{id}";
        var service = $"S{id}";
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body, "Local", region: "KZ-KAR")));
        await admin.Created(admin.RegisterService(new { code = service, nameRu = "Услуга", passport = CatalogueApi.Passport(body, level: "Local") }));
        var inspection = $"INS-{id}";
        var opened = await inspector.PostAsync("/api/inspections", ApiFixture.JsonBody(new
        {
            inspectionId = inspection, bodyCode = body, kind = "Planned", services = new[] { service },
            periodFrom = "2017-01-01", periodTo = "2017-12-31", legalBasis = "План проверок на 2018 год", openedOn = "2018-02-01",
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (inspection, body, service);
    }
}

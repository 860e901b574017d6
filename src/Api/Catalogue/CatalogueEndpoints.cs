using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public sealed record PassportOnDate(string Code, DateOnly On, PassportRevision Revision);

public static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/catalogue").WithTags("Catalogue").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<RegisterStateBody>("Catalogue", Policies.CatalogueWrite);

        read.MapGet("/bodies/{code}", async (string code, CatalogueQueries queries, CancellationToken ct) =>
                await queries.BodyAsync(code, ct) ?? throw new NotFound("State body", code))
            .WithName("GetStateBody").WithSummary("A state body with its name and parent history")
            .Produces<CatalogueBody>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/bodies", (GovernmentLevel? level, string? parent, string? region, bool? includeRetired, CatalogueQueries queries,
                CancellationToken ct) => queries.BodiesAsync(level, parent, region, includeRetired ?? false, ct))
            .WithName("ListStateBodies").WithSummary("State bodies, filtered by level, parent body and region")
            .Produces<IReadOnlyList<CatalogueBody>>();

        read.MapGet("/territories/{code}", async (string code, CatalogueQueries queries, CancellationToken ct) =>
                await queries.TerritoryAsync(code, ct) ?? throw new NotFound("Territory", code))
            .WithName("GetTerritory").WithSummary("A territory with every name it has had")
            .Produces<CatalogueTerritory>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/territories", (string? country, string? parent, CatalogueQueries queries, CancellationToken ct) =>
                queries.TerritoriesAsync(country, parent, ct))
            .WithName("ListTerritories").WithSummary("Territories, filtered by country (ISO 3166-1 alpha-2) and parent territory")
            .Produces<IReadOnlyList<CatalogueTerritory>>();

        read.MapGet("/services/{code}", async (string code, CatalogueQueries queries, CancellationToken ct) =>
                await queries.ServiceAsync(code, ct) ?? throw new NotFound("Service", code))
            .WithName("GetService").WithSummary("A service with every passport and name it has had, each with the event that recorded it")
            .Produces<CatalogueService>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/services/{code}/passport", async (string code, DateOnly? on, CatalogueQueries queries, TimeProvider clock, CancellationToken ct) =>
            {
                var service = await queries.ServiceAsync(code, ct) ?? throw new NotFound("Service", code);
                var date = on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                return service.PassportOn(date) is { } revision
                    ? Results.Ok(new PassportOnDate(service.Code, date, revision))
                    : Results.Problem(statusCode: 404, title: "No passport valid on that date",
                        detail: service.RetiredOn is { } retired && date >= retired
                            ? $"Service '{code}' was retired on {retired:yyyy-MM-dd}"
                            : $"Service '{code}' has no passport in force on {date:yyyy-MM-dd}; its first takes effect on {service.Passports[0].Passport.EffectiveFrom:yyyy-MM-dd}");
            })
            .WithName("GetServicePassport").WithSummary("The passport valid on a date (default: today)")
            .Produces<PassportOnDate>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/services", (string? body, GovernmentLevel? level, string? q, bool? includeRetired, CatalogueQueries queries,
                CancellationToken ct) => queries.ServicesAsync(body, level, q, includeRetired ?? false, ct))
            .WithName("ListServices").WithSummary("Services, filtered by owning body, level and text in the code or Russian name")
            .Produces<IReadOnlyList<CatalogueService>>();
    }
}

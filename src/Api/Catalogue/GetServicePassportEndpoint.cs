using Monitoring.Domain.Common;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class GetServicePassportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/services/{code}/passport", async (string code, DateOnly? on, CatalogueQueries queries, TimeProvider clock, CancellationToken ct) =>
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
            .WithName("GetServicePassport")
            .WithSummary("The passport valid on a date (default: today)")
            .Produces<PassportOnDate>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

public sealed record PassportOnDate(string Code, DateOnly On, PassportRevision Revision);

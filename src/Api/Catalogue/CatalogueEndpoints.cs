using Monitoring.Api.Auth;
using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;

namespace Monitoring.Api.Catalogue;

public static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue").WithTags("Catalogue");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.CatalogueWrite);

        write.MapCommand<RegisterStateBody>("/bodies", (_, r) => $"/api/catalogue/bodies/{r.Id}")
            .WithSummary("Register a state body (central or local)").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<RenameStateBody>("/bodies/{code}/rename").WithSummary("Rename a state body from a date").Changes();
        write.MapCommand<ReparentStateBody>("/bodies/{code}/reparent").WithSummary("Move a state body under another parent body (null: top level)").Changes();
        write.MapCommand<RetireStateBody>("/bodies/{code}/retire").WithSummary("Retire a state body (abolished or merged); its history stays").Changes();
        GetStateBodyEndpoint.Map(read);
        ListStateBodiesEndpoint.Map(read);

        write.MapCommand<RegisterService>("/services", (_, r) => $"/api/catalogue/services/{r.Id}")
            .WithSummary("Register a public service with its first passport").ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<RenameService>("/services/{code}/rename").WithSummary("Rename a service from a date").Changes();
        write.MapCommand<ChangeServicePassport>("/services/{code}/passport")
            .WithSummary("Record a new passport effective from its date (the same date corrects the earlier one)").Changes();
        write.MapCommand<RetireService>("/services/{code}/retire").WithSummary("Retire a service from the register; no passport is valid from that date").Changes();
        GetServiceEndpoint.Map(read);
        GetServicePassportEndpoint.Map(read);
        ListServicesEndpoint.Map(read);
    }
}

using Monitoring.Api.Auth;

namespace Monitoring.Api.Catalogue;

public static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue").WithTags("Catalogue");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read);
        var write = group.MapGroup("").RequireAuthorization(Policies.CatalogueWrite);

        RegisterStateBodyEndpoint.Map(write);
        RenameStateBodyEndpoint.Map(write);
        ReparentStateBodyEndpoint.Map(write);
        RetireStateBodyEndpoint.Map(write);
        GetStateBodyEndpoint.Map(read);
        ListStateBodiesEndpoint.Map(read);

        RegisterServiceEndpoint.Map(write);
        RenameServiceEndpoint.Map(write);
        ChangeServicePassportEndpoint.Map(write);
        RetireServiceEndpoint.Map(write);
        GetServiceEndpoint.Map(read);
        GetServicePassportEndpoint.Map(read);
        ListServicesEndpoint.Map(read);
    }
}

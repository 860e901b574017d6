using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RenameServiceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/services/{code}/rename", (string code, RenameRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RenameService(code, r.NameRu, r.NameKk, r.EffectiveFrom, r.Reason, r.ExpectedVersion), http))
            .WithName("RenameService")
            .WithSummary("Rename a service from a date")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RenameStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/bodies/{code}/rename", (string code, RenameRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RenameStateBody(code, r.NameRu, r.NameKk, r.EffectiveFrom, r.Reason, r.ExpectedVersion), http))
            .WithName("RenameStateBody")
            .WithSummary("Rename a state body from a date")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

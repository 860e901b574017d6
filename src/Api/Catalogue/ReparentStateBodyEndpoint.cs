using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class ReparentStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/bodies/{code}/reparent", (string code, ReparentRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new ReparentStateBody(code, r.ParentCode, r.EffectiveFrom, r.Reason, r.ExpectedVersion), http))
            .WithName("ReparentStateBody")
            .WithSummary("Move a state body under another parent body (null: top level)")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

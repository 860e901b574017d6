using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RetireStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/bodies/{code}/retire", (string code, RetireRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RetireStateBody(code, r.RetiredOn, r.Reason, r.ExpectedVersion), http))
            .WithName("RetireStateBody")
            .WithSummary("Retire a state body (abolished or merged); its history stays")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RetireServiceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/services/{code}/retire", (string code, RetireRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RetireService(code, r.RetiredOn, r.Reason, r.ExpectedVersion), http))
            .WithName("RetireService")
            .WithSummary("Retire a service from the register; no passport is valid from that date")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

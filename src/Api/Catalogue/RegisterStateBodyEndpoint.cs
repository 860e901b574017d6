using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RegisterStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/bodies", (RegisterStateBody command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, r => $"/api/catalogue/bodies/{r.Id}"))
            .WithName("RegisterStateBody")
            .WithSummary("Register a state body (central or local)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

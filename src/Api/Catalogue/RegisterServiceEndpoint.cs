using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class RegisterServiceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/services", (RegisterService command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, r => $"/api/catalogue/services/{r.Id}"))
            .WithName("RegisterService")
            .WithSummary("Register a public service with its first passport")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;

namespace Monitoring.Api.Catalogue;

public static class RegisterStateBodyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/bodies", async (RegisterStateBody command, CommandBus bus, HttpContext http) =>
            {
                var result = await bus.CommandAsync(command, http);
                return Results.Created($"/api/catalogue/bodies/{result.Id}", result);
            })
            .WithName("RegisterStateBody")
            .WithSummary("Register a state body (central or local)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

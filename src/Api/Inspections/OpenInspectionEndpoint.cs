using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class OpenInspectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("", (OpenInspection command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, r => $"/api/inspections/{r.Id}"))
            .WithName("OpenInspection")
            .WithSummary("Open a control inspection of a body or unit (inspectors only)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class CloseInspectionEndpoint
{
    public sealed record CloseInspectionRequest(DateOnly ClosedOn, string Findings, IReadOnlyList<Recommendation>? Recommendations);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id}/close", (string id, CloseInspectionRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new CloseInspection(id, r.ClosedOn, r.Findings, r.Recommendations), http))
            .WithName("CloseInspection")
            .WithSummary("Close an inspection with findings and recommendations; it is frozen for new violations")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

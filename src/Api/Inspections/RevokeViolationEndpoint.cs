using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class RevokeViolationEndpoint
{
    public sealed record RevokeViolationRequest(string Reason, long? ExpectedVersion);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id}/violations/{violationId}/revoke", (string id, string violationId, RevokeViolationRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RevokeViolation(id, violationId, r.Reason, r.ExpectedVersion), http))
            .WithName("RevokeViolation")
            .WithSummary("Withdraw a violation with the reason (also after closing); it stays in the history")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

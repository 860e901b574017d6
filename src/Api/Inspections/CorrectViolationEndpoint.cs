using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class CorrectViolationEndpoint
{
    public sealed record CorrectViolationRequest(ViolationType Type, long Count, IReadOnlyList<string>? Cases, string Reason, long? ExpectedVersion);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id}/violations/{violationId}/correct", (string id, string violationId, CorrectViolationRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new CorrectViolation(id, violationId, r.Type, r.Count, r.Cases, r.Reason, r.ExpectedVersion), http))
            .WithName("CorrectViolation")
            .WithSummary("Correct a violation's type, count or cases, with the reason (also after closing)")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

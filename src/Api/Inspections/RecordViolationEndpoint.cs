using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class RecordViolationEndpoint
{
    public sealed record RecordViolationRequest(string ViolationId, ViolationType Type, string ServiceCode, string? UnitCode, int Period,
        long Count, IReadOnlyList<string>? Cases, string Evidence);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id}/violations", (string id, RecordViolationRequest r, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(new RecordViolation(id, r.ViolationId, r.Type, r.ServiceCode, r.UnitCode, r.Period, r.Count,
                    r.Cases, r.Evidence), http, r => $"/api/inspections/{id}"))
            .WithName("RecordViolation")
            .WithSummary("Record a violation in an open inspection: a count or individual cases (a closed inspection answers 409)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Inspections;
using Wolverine;

namespace Monitoring.Api.Inspections;

public static class FulfilRecommendationEndpoint
{
    public sealed record FulfilRecommendationRequest(DateOnly FulfilledOn, string Note);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id}/recommendations/{recommendationId}/fulfil",
                (string id, string recommendationId, FulfilRecommendationRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new FulfilRecommendation(id, recommendationId, r.FulfilledOn, r.Note), http))
            .WithName("FulfilRecommendation")
            .WithSummary("Mark a recommendation of a closed inspection fulfilled")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Surveys;
using Wolverine;

namespace Monitoring.Api.Surveys;

public static class OpenSurveyCampaignEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns", (OpenSurveyCampaign command, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(command, http, r => $"/api/surveys/campaigns/{r.Id}"))
            .WithName("OpenSurveyCampaign")
            .WithSummary("Open a survey campaign: period, kind, scale, ranking rule, criteria and services")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}

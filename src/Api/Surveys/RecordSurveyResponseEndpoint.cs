using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Surveys;

namespace Monitoring.Api.Surveys;

public static class RecordSurveyResponseEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns/{code}/responses", async (string code, SurveyResponseInput response, CommandBus bus, HttpContext http) =>
            {
                var result = await bus.CommandAsync(new RecordSurveyResponse(code, response), http);
                return Results.Created($"/api/audit/streams/{RecordSurveyResponseHandler.StreamKey(code, result.Id)}/events", result);
            })
            .WithName("RecordSurveyResponse")
            .WithSummary("Record one respondent's answers (the same response id twice is a 409)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

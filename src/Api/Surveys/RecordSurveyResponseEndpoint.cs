using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Surveys;
using Wolverine;

namespace Monitoring.Api.Surveys;

public static class RecordSurveyResponseEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns/{code}/responses", (string code, SurveyResponseInput response, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(new RecordSurveyResponse(code, response), http, r => $"/api/audit/streams/{RecordSurveyResponseHandler.StreamKey(code, r.Id)}/events"))
            .WithName("RecordSurveyResponse")
            .WithSummary("Record one respondent's answers (the same response id twice is a 409)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

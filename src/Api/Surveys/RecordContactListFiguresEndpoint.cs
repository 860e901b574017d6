using Monitoring.Api.Common;
using Monitoring.Application.Common;
using Monitoring.Application.Surveys;
using Wolverine;

namespace Monitoring.Api.Surveys;

public static class RecordContactListFiguresEndpoint
{
    public sealed record ContactFiguresRequest(long Contacts, long Reached, long Refused);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns/{code}/contacts", (string code, ContactFiguresRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new RecordContactListFigures(code, r.Contacts, r.Reached, r.Refused), http))
            .WithName("RecordContactListFigures")
            .WithSummary("Record a campaign's contact list figures (contacts, reached, refused → response rate)")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

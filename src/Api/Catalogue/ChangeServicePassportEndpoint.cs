using Monitoring.Api.Common;
using Monitoring.Application.Catalogue;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Catalogue;

public static class ChangeServicePassportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/services/{code}/passport", (string code, ChangePassportRequest r, IMessageContext bus, HttpContext http) =>
                bus.CommandAsync(new ChangeServicePassport(code, r.Passport, r.Reason, r.ExpectedVersion), http))
            .WithName("ChangeServicePassport")
            .WithSummary("Record a new passport effective from its date (the same date corrects the earlier one)")
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetCriteriaSumEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/campaigns/{code}/criteria-sum", (string code, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.CriteriaSumAsync(code, ct))
            .WithName("GetCriteriaSum")
            .WithSummary("City-survey score per service: criterion means summed against 5 × criteria (e.g. 73 of 75 = 97 %)")
            .Produces<IReadOnlyList<CriteriaSumRow>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetRatingsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/ratings", (string? campaign, int? period, string? by, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.RatingsAsync(campaign, period, Dimension.Parse(by ?? "service", "by"), ct))
            .WithName("GetRatings")
            .WithSummary("Ratings by service, body, region, channel, criterion (or pairs such as body|region) for a campaign or a period, ranked by the campaign's rule")
            .Produces<RatingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

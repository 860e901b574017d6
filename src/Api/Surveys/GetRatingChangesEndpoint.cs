using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetRatingChangesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/ratings/changes", (string campaign, string previous, string? by, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.ChangesAsync(campaign, previous, Dimension.Parse(by ?? "service", "by"), ct))
            .WithName("GetRatingChanges")
            .WithSummary("Year-over-year change against a previous campaign, with 'not comparable' caveats (scale, methodology, service set)")
            .Produces<RatingChangesView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

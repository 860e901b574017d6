using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetSliceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/slice", (string? campaign, int? period, string? service, string? body, string? region, string? channel,
                    string? gender, string? ageBand, string? source, string? criterion, string? groupBy, int? smallSample, DateTimeOffset? asOf,
                    SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.SliceAsync(new SurveyRatingsQueries.SliceFilter(campaign, period, service, body, region, channel, gender, ageBand, source, criterion, asOf),
                    SliceBy.Parse(groupBy),
                    smallSample ?? SatisfactionFigures.DefaultSmallSampleThreshold, ct))
            .WithName("GetSlice")
            .WithSummary("Ad-hoc slice of the answers: any filters, grouped by any of campaign, period, service, body, unit, region, channel, gender, ageBand, source, complaint; asOf gives the figures as known at that moment")
            .Produces<IReadOnlyList<SurveyRatingsQueries.SliceRow>>()
            .ProducesValidationProblem();
}

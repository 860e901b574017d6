using Marten;
using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetCampaignEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/campaigns/{code}", async (string code, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(code), ct) ?? throw new NotFound("Survey campaign", code))
            .WithName("GetSurveyCampaign")
            .WithSummary("A campaign with its methodology choices and contact figures")
            .Produces<SurveyCampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

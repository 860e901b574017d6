using Marten;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class ListCampaignsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/campaigns", async (int? period, IQuerySession session, CancellationToken ct) =>
            {
                var query = session.Query<SurveyCampaignView>().AsQueryable();
                if (period is not null) query = query.Where(c => c.Period == period);
                return await query.OrderBy(c => c.Period).ThenBy(c => c.Code).ToListAsync(ct);
            })
            .WithName("ListSurveyCampaigns")
            .WithSummary("Survey campaigns, optionally of one period")
            .Produces<IReadOnlyList<SurveyCampaignView>>();
}

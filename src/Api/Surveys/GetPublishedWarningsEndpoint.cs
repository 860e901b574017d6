using Marten;
using Monitoring.Domain.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetPublishedWarningsEndpoint
{
    public sealed record PublishedWarning(string ServiceCode, string Split, string Table, IReadOnlyList<string> Warnings);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/campaigns/{code}/published-warnings", async (string code, IQuerySession session, CancellationToken ct) =>
            {
                var events = await session.Events.QueryRawEventDataOnly<PublishedDistributionImported>()
                    .Where(e => e.CampaignCode == code).ToListAsync(ct);
                return events.Where(e => e.Warnings.Count > 0)
                    .Select(e => new PublishedWarning(e.ServiceCode, e.Split.Value is null ? e.Split.Kind.ToString() : $"{e.Split.Kind}:{e.Split.Value}", e.Table, e.Warnings))
                    .OrderBy(w => w.ServiceCode).ToList();
            })
            .WithName("GetPublishedWarnings")
            .WithSummary("What the cross-checks found wrong in the published report behind a campaign's historical data")
            .Produces<IReadOnlyList<PublishedWarning>>();
}

namespace Monitoring.Projections.Surveys;

/// <summary>The survey campaigns as the API lists them and the analysts' pages choose among them.</summary>
public sealed class SurveyCampaignQueries(IQuerySession session)
{
    /// <summary>Campaigns, optionally of one period, by period then code.</summary>
    public async Task<IReadOnlyList<SurveyCampaignView>> CampaignsAsync(int? period, CancellationToken ct)
    {
        var query = session.Query<SurveyCampaignView>().AsQueryable();
        if (period is not null) query = query.Where(c => c.Period == period);
        return await query.OrderBy(c => c.Period).ThenBy(c => c.Code).ToListAsync(ct);
    }

    /// <summary>A campaign, or <see cref="NotFound"/>.</summary>
    public Task<SurveyCampaignView> CampaignAsync(string code, CancellationToken ct) => CampaignScope.CampaignAsync(session, code, ct);

    /// <summary>
    /// The campaign a year-over-year comparison looks back to: of the same kind, in the latest earlier period, and of those
    /// the one sharing most services (then by code), so a regional wave is not taken for the national one. Null when none.
    /// </summary>
    public static SurveyCampaignView? Previous(SurveyCampaignView campaign, IEnumerable<SurveyCampaignView> campaigns)
    {
        var earlier = campaigns.Where(c => c.Kind == campaign.Kind && c.Period < campaign.Period).ToList();
        if (earlier.Count == 0) return null;
        var period = earlier.Max(c => c.Period);
        return earlier.Where(c => c.Period == period)
            .OrderByDescending(c => c.Services.Intersect(campaign.Services).Count()).ThenBy(c => c.Code, StringComparer.Ordinal)
            .First();
    }
}

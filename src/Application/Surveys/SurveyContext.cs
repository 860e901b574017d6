
namespace Monitoring.Application.Surveys;

/// <summary>
/// A campaign, the passports (valid in its period) of the services it covers and the registered territory codes: what
/// every answer is checked against.
/// </summary>
public sealed class SurveyContext(SurveyCampaign campaign, IReadOnlyDictionary<string, ServicePassport?> passports, IReadOnlySet<string> territories)
{
    public SurveyCampaign Campaign { get; } = campaign;

    public bool IsTerritory(string code) => territories.Contains(code);

    public ServicePassport? PassportOf(string serviceCode) => passports.GetValueOrDefault(serviceCode);

    public static async Task<SurveyCampaign> CampaignAsync(IQuerySession session, string campaignCode, CancellationToken ct)
    {
        var view = await session.LoadAsync<SurveyCampaignView>(SurveyCampaign.StreamKey(campaignCode), ct)
                   ?? throw new NotFound("Survey campaign", campaignCode);
        return view.ToDomain();
    }

    /// <summary>The campaign and one service's passport in a single round trip (the path of every single answer).</summary>
    public static async Task<SurveyContext> LoadForServiceAsync(IQuerySession session, string campaignCode, string serviceCode, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var campaignView = batch.Load<SurveyCampaignView>(SurveyCampaign.StreamKey(campaignCode));
        var service = batch.Load<CatalogueService>(PublicService.StreamKey(serviceCode));
        var territories = batch.Query<CatalogueTerritory>().Select(t => t.Code).ToList();
        await batch.Execute(ct);
        var campaign = (await campaignView ?? throw new NotFound("Survey campaign", campaignCode)).ToDomain();
        return new SurveyContext(campaign, new Dictionary<string, ServicePassport?>
        {
            [serviceCode] = (await service)?.PassportOn(campaign.PassportDate)?.Passport,
        }, (await territories).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The passports valid on a date (see <see cref="SurveyCampaign.PassportDate"/>) of the given services (null where none is).</summary>
    public static async Task<Dictionary<string, ServicePassport?>> PassportsAsync(IQuerySession session, DateOnly on,
        IEnumerable<string> services, CancellationToken ct)
    {
        var codes = services.Distinct().ToArray();
        var docs = await session.LoadManyAsync<CatalogueService>(ct, codes.Select(PublicService.StreamKey).ToArray());
        var byCode = docs.ToDictionary(d => d.Code);
        return codes.ToDictionary(c => c, c => byCode.GetValueOrDefault(c)?.PassportOn(on)?.Passport);
    }

    /// <summary>Loads the campaign and the passports of its services.</summary>
    public static async Task<SurveyContext> LoadAsync(IQuerySession session, string campaignCode, CancellationToken ct)
    {
        var campaign = await CampaignAsync(session, campaignCode, ct);
        return new SurveyContext(campaign, await PassportsAsync(session, campaign.PassportDate, campaign.Services, ct),
            await new CatalogueQueries(session).TerritoryCodesAsync(ct));
    }
}

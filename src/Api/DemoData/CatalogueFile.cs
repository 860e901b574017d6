
namespace Monitoring.Api.DemoData;

/// <summary>
/// The shape of <c>data/catalogue/catalogue.json</c> (territories; bodies and services of the 2018 and 2017 national public
/// monitoring reports and the Karaganda 2017 assessment conclusion).
/// </summary>
public sealed record CatalogueFile(List<CatalogueFile.Territory> Territories, List<CatalogueFile.Body> Bodies, List<CatalogueFile.Service> Services)
{
    public sealed record Territory(string Code, string Country, string NameRu, string? NameKk, string? NameEn, string? ParentCode);

    public sealed record Body(string Code, string NameRu, string? NameKk, GovernmentLevel Level, string? ParentCode, string? RegionCode);

    public sealed record Service(
        string Code, string NameRu, string? NameKk, string BodyCode, GovernmentLevel Level, List<Channel> Channels,
        StandardTerm? StandardTerm, int? MaxQueueWaitMinutes, bool Paid);
}

using System.Globalization;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Web;

/// <summary>A name in the person's language: Kazakh where the catalogue has it and they read Kazakh, else Russian
/// (the catalogue's names are Russian and Kazakh; English readers get the official Russian name).</summary>
public static class Names
{
    public static string Of(string nameRu, string? nameKk, string? nameEn = null) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "kk" when !string.IsNullOrWhiteSpace(nameKk) => nameKk,
        "en" when !string.IsNullOrWhiteSpace(nameEn) => nameEn,
        _ => nameRu,
    };

    public static string Of(CatalogueTerritory territory) => Of(territory.NameRu, territory.NameKk, territory.NameEn);

    public static string Of(CatalogueEntry entry) => Of(entry.NameRu, entry.NameKk);
}

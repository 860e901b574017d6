namespace Monitoring.Domain.Catalogue;

/// <summary>
/// Regions (области) and cities of republican significance of Kazakhstan, including the three regions formed
/// in 2022 (Abai, Jetisu, Ulytau), so that both old and new periods can be recorded.
/// </summary>
public static class Regions
{
    public static readonly IReadOnlyDictionary<string, string> NamesRu = new Dictionary<string, string>
    {
        ["KZ-AST"] = "г. Астана",
        ["KZ-ALA"] = "г. Алматы",
        ["KZ-SHY"] = "г. Шымкент",
        ["KZ-AKM"] = "Акмолинская область",
        ["KZ-AKT"] = "Актюбинская область",
        ["KZ-ALM"] = "Алматинская область",
        ["KZ-ATY"] = "Атырауская область",
        ["KZ-ZAP"] = "Западно-Казахстанская область",
        ["KZ-ZHA"] = "Жамбылская область",
        ["KZ-KAR"] = "Карагандинская область",
        ["KZ-KUS"] = "Костанайская область",
        ["KZ-KZY"] = "Кызылординская область",
        ["KZ-MAN"] = "Мангистауская область",
        ["KZ-PAV"] = "Павлодарская область",
        ["KZ-SEV"] = "Северо-Казахстанская область",
        ["KZ-VOS"] = "Восточно-Казахстанская область",
        ["KZ-YUZ"] = "Туркестанская (Южно-Казахстанская) область",
        ["KZ-ABY"] = "Абайская область",
        ["KZ-JET"] = "Жетысуская область",
        ["KZ-ULT"] = "Улытауская область",
    };

    public static bool IsKnown(string? code) => code is not null && NamesRu.ContainsKey(code);
}

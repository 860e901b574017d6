using System.Globalization;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Catalogue;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// The keys of survey views as a reader names them, in their language: bodies, services and regions from the catalogue,
/// criteria from the campaigns' questionnaires, the closed lists (channels, kinds, genders, age bands, sources,
/// complaints) from the folder's texts. A key the catalogue does not know is shown as it is.
/// </summary>
public sealed class SurveyNames
{
    private IStringLocalizer<UiText> T { get; }
    private readonly Dictionary<string, string> _bodies, _services, _regions, _criteria;

    private SurveyNames(IStringLocalizer<UiText> t, IReadOnlyList<CatalogueBody> bodies, IReadOnlyList<CatalogueService> services,
        IReadOnlyList<CatalogueTerritory> territories, IEnumerable<SurveyCampaignView> campaigns)
    {
        T = t;
        (Bodies, Services, Territories) = (bodies, services, territories);
        _bodies = bodies.ToDictionary(b => b.Code, b => Names.Of(b));
        _services = services.ToDictionary(s => s.Code, s => Names.Of(s));
        _regions = territories.ToDictionary(r => r.Code, r => Names.Of(r.NameRu, r.NameKk));
        _criteria = [];
        foreach (var criterion in campaigns.SelectMany(c => c.AskedInstrument.Criteria).Concat(Instruments.KzNational.Criteria))
            _criteria.TryAdd(criterion.Code, Of(criterion.Name));
        CriterionCodes = [.. _criteria.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<CatalogueBody> Bodies { get; }
    public IReadOnlyList<CatalogueService> Services { get; }
    public IReadOnlyList<CatalogueTerritory> Territories { get; }
    /// <summary>Every criterion code of the campaigns' questionnaires (and the built-in national one).</summary>
    public IReadOnlyList<string> CriterionCodes { get; }

    public static async Task<SurveyNames> LoadAsync(CatalogueQueries catalogue, IEnumerable<SurveyCampaignView> campaigns,
        IStringLocalizer<UiText> t, CancellationToken ct) =>
        new(t, await catalogue.BodiesAsync(null, null, null, true, ct), await catalogue.ServicesAsync(null, null, null, true, ct),
            await catalogue.TerritoriesAsync(null, null, ct), campaigns);

    /// <summary>A text of a questionnaire in the reader's language (Russian where it has none in theirs).</summary>
    public static string Of(LocalizedText text) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "kk" when !string.IsNullOrWhiteSpace(text.Kk) => text.Kk,
        "en" when !string.IsNullOrWhiteSpace(text.En) => text.En,
        _ => text.Ru,
    };

    /// <summary>
    /// A key of a grouping (an axis of a rating view or a slice's group: <c>service</c>, <c>body</c>, <c>region</c>,
    /// <c>channel</c>, <c>criterion</c>, <c>gender</c>, <c>ageBand</c>, <c>source</c>, <c>complaint</c>, <c>kind</c>, …).
    /// </summary>
    public string Of(string axis, string? key)
    {
        if (string.IsNullOrEmpty(key)) return T["NotStated"];
        return axis switch
        {
            "service" => _services.GetValueOrDefault(key, key),
            "body" => _bodies.GetValueOrDefault(key, key),
            "region" => _regions.GetValueOrDefault(key, key),
            "criterion" => _criteria.GetValueOrDefault(key, key),
            // An answer may name several channels (Body+EGov).
            "channel" => string.Join(" + ", key.Split('+').Select(c => Listed("Channel_", c))),
            "gender" => Listed("Gender_", key),
            "ageBand" => Listed("AgeBand_", key),
            "source" => Listed("Source_", key),
            "complaint" => Listed("Complaint_", key),
            "kind" => Listed("Kind_", key),
            _ => key,
        };
    }

    /// <summary>A row of a rating view named by its axes (a pair such as <c>body|region</c> by both).</summary>
    public string Of(Dimension dimension, string key)
    {
        var parts = SurveySchema.KeyOf(key);
        return dimension.Axes switch
        {
            [var first, var second] => $"{Of(AxisName(first), parts.First)} · {Of(AxisName(second), parts.Second)}",
            [var only] => Of(AxisName(only), parts.First),
            _ => T["Total"],
        };
    }

    public static string AxisName(Axis axis) => axis.ToString().ToLowerInvariant();

    /// <summary>A value of a closed list by its text (the value itself when the texts have none, e.g. a value from a later version).</summary>
    private string Listed(string prefix, string value)
    {
        var text = T[prefix + value];
        return text.ResourceNotFound ? value : text.Value;
    }
}

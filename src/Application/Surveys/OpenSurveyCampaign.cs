namespace Monitoring.Application.Surveys;

/// <summary>Open a survey campaign (волна мониторинга): its period, kind, scale, methodology, criteria and services.</summary>
public sealed record OpenSurveyCampaign(
    string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int? SmallSampleThreshold, IReadOnlyList<Criterion> Criteria, IReadOnlyList<string> Services)
{
    [JasperFx.Identity, System.Text.Json.Serialization.JsonIgnore]
    public string StreamKey => SurveyCampaign.StreamKey(Code);
}

public sealed class OpenSurveyCampaignValidator : AbstractValidator<OpenSurveyCampaign>
{
    public OpenSurveyCampaignValidator()
    {
        RuleFor(x => x.Code).NotEmpty().Matches(Catalogue.CatalogueRules.CodePattern);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Scale).Must(s => s is 5 or 10).WithMessage("must be 5 or 10");
        RuleFor(x => x.Methodology).NotEmpty().MaximumLength(100);
        RuleFor(x => x.SmallSampleThreshold).InclusiveBetween(0, 10_000).When(x => x.SmallSampleThreshold is not null);
        RuleFor(x => x.Criteria).NotNull();
        RuleFor(x => x.Services).NotEmpty().WithMessage("must name the services the campaign covers");
        RuleFor(x => x.Services).Must(s => s.Distinct().Count() == s.Count).When(x => x.Services is not null)
            .WithMessage("must not repeat a service");
    }
}

public static class OpenSurveyCampaignHandler
{
    public static async Task<(CommandResult, Events)> Handle(OpenSurveyCampaign c, [WriteAggregate(Required = false)] SurveyCampaign? existing,
        IDocumentSession session, CancellationToken ct)
    {
        await Catalogue.CatalogueRules.RequireServicesAsync(session, c.Services, "services", ct);
        return Decision.Of(c.Code, existing, SurveyCampaign.Open(existing, new SurveyCampaignOpened(c.Code, c.Title.Trim(), c.Period, c.Kind,
            c.Scale, c.RankingRule, c.Methodology.Trim(), c.SmallSampleThreshold ?? SatisfactionFigures.DefaultSmallSampleThreshold,
            c.Criteria.Distinct().ToList(), c.Services)));
    }
}

namespace Monitoring.Application.Surveys;

/// <summary>
/// Open a survey campaign (волна мониторинга): its period, kind, scale, methodology, services, and the questionnaire it
/// asks — an instrument by code (the Kazakh national one when none is named), with the part of it asked: its criteria
/// (all when none are listed) and its optional questions (all when none are listed).
/// </summary>
public sealed record OpenSurveyCampaign(
    string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int? SmallSampleThreshold, IReadOnlyList<string>? Criteria, IReadOnlyList<string> Services, string? Instrument = null,
    IReadOnlyList<Question>? Questions = null)
{
    [Identity, JsonIgnore]
    public string StreamKey => SurveyCampaign.StreamKey(Code);
}

public sealed class OpenSurveyCampaignValidator : AbstractValidator<OpenSurveyCampaign>
{
    public OpenSurveyCampaignValidator()
    {
        RuleFor(x => x.Code).NotEmpty().Matches(CatalogueRules.CodePattern);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.RankingRule).IsInEnum();
        RuleFor(x => x.Scale).Must(s => s is 5 or 10).WithMessage("must be 5 or 10");
        RuleFor(x => x.Methodology).NotEmpty().MaximumLength(100);
        RuleFor(x => x.SmallSampleThreshold).InclusiveBetween(0, 10_000).When(x => x.SmallSampleThreshold is not null);
        RuleFor(x => x.Criteria!).Must(c => c.Count <= SurveyInstrument.MaxCriteria && c.Distinct().Count() == c.Count)
            .When(x => x.Criteria is not null).WithMessage($"must not repeat a criterion (at most {SurveyInstrument.MaxCriteria})");
        RuleFor(x => x.Instrument!).IsCatalogueCode().When(x => x.Instrument is not null);
        RuleForEach(x => x.Questions).IsInEnum();
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
        await CatalogueRules.RequireServicesAsync(session, c.Services, "services", ct);
        var instrument = await InstrumentAsync(session, c.Instrument, ct);
        return Decision.Of(c.Code, existing, SurveyCampaign.Open(existing, new SurveyCampaignOpened(c.Code, c.Title.Trim(), c.Period, c.Kind,
            c.Scale, c.RankingRule, c.Methodology.Trim(), c.SmallSampleThreshold ?? SatisfactionFigures.DefaultSmallSampleThreshold,
            c.Criteria ?? [.. instrument.Codes], c.Services, instrument, c.Questions ?? instrument.Questions)));
    }

    /// <summary>A built-in instrument, or one published; an unknown code is the field's error.</summary>
    public static async Task<SurveyInstrument> InstrumentAsync(IQuerySession session, string? code, CancellationToken ct)
    {
        if (code is null) return Instruments.KzNational;
        return await SurveyInstrumentView.FindAsync(session, code, ct)
               ?? throw new DomainRuleViolation("instrument", $"unknown instrument '{code}' (publish it first, or name a built-in one: " +
                                                              $"{string.Join(", ", Instruments.BuiltIn.Select(i => i.Code))})");
    }
}

namespace Monitoring.Application.Surveys;

/// <summary>
/// Publish a questionnaire campaigns can name: its criteria (code, names in ru/kk/en, when asked, whether it counts toward
/// a criteria sum), the optional questions it asks and its trust criterion. Published once; a new wording is a new code.
/// </summary>
[Post("/api/surveys/instruments", "Publish a survey instrument: its criteria, optional questions and trust criterion",
    Created = "/api/surveys/instruments/{code}", Problems = [409])]
public sealed record PublishSurveyInstrument(
    string Code, LocalizedText Title, IReadOnlyList<CriterionDefinition> Criteria, IReadOnlyList<Question>? Questions, string? TrustCriterion)
{
    [Identity, JsonIgnore]
    public string StreamKey => SurveyInstrument.StreamKey(Code);

    public SurveyInstrument ToInstrument() => new(Code, Title, Criteria, Questions ?? [], TrustCriterion);
}

public sealed class PublishSurveyInstrumentValidator : AbstractValidator<PublishSurveyInstrument>
{
    public PublishSurveyInstrumentValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.Title).NotNull();
        RuleFor(x => x.Title.Ru).NotEmpty().MaximumLength(500).When(x => x.Title is not null);
        RuleFor(x => x.Criteria).NotEmpty().Must(c => c.Count <= SurveyInstrument.MaxCriteria)
            .WithMessage($"must define at most {SurveyInstrument.MaxCriteria} criteria");
        RuleForEach(x => x.Criteria).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Code).Must(CriterionCodes.IsWellFormed).WithMessage(CriterionCodes.Rule);
            c.RuleFor(x => x.Name).NotNull();
            c.RuleFor(x => x.Name.Ru).NotEmpty().MaximumLength(1000).When(x => x.Name is not null);
            c.RuleFor(x => x.Name.Kk).MaximumLength(1000).When(x => x.Name is not null);
            c.RuleFor(x => x.Name.En).MaximumLength(1000).When(x => x.Name is not null);
            c.RuleFor(x => x.AskedWhen).IsInEnum();
        });
        RuleForEach(x => x.Questions).IsInEnum();
    }
}

public static class PublishSurveyInstrumentHandler
{
    public static (CommandResult, Events) Handle(PublishSurveyInstrument c, [WriteAggregate(Required = false)] PublishedInstrument? existing) =>
        Decision.Of(c.Code, existing, PublishedInstrument.Publish(existing, c.ToInstrument()));
}

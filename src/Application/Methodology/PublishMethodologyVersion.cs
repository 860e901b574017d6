using Monitoring.Domain.Methodology;
using Monitoring.Projections.Methodology;

namespace Monitoring.Application.Methodology;

/// <summary>Publish a methodology version (assessors): checked as data, never edited afterwards.</summary>
[Post("/api/methodologies",
    "Publish a methodology version (criteria, indicators, maxima, formula kinds, parameters, bands); checked, never edited",
    Created = "/api/methodologies/{id}", Problems = [409])]
public sealed record PublishMethodologyVersion(MethodologyVersion Version, string Reason);

public sealed class PublishMethodologyVersionValidator : AbstractValidator<PublishMethodologyVersion>
{
    public PublishMethodologyVersionValidator()
    {
        RuleFor(x => x.Version).NotNull();
        RuleFor(x => x.Version.Code).NotEmpty().Matches(Catalogue.CatalogueRules.CodePattern).When(x => x.Version is not null);
        RuleFor(x => x.Version.Title).NotEmpty().When(x => x.Version is not null);
        RuleFor(x => x.Version.Criteria).NotEmpty().When(x => x.Version is not null);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
    }
}

public static class PublishMethodologyVersionHandler
{
    public static CommandResult Handle(PublishMethodologyVersion c, IDocumentSession session)
    {
        var problems = c.Version.Problems().ToList();
        var criteria = c.Version.Criteria ?? [];
        for (var i = 0; i < criteria.Count; i++)
            for (var j = 0; j < criteria[i].Indicators.Count; j++)
                foreach (var input in criteria[i].Indicators[j].Inputs.Where(n => !AssessmentEvidence.Known.Contains(n)))
                    problems.Add(($"criteria[{i}].indicators[{j}].inputs", $"'{input}' is not an input the evidence provides ({string.Join(", ", AssessmentEvidence.Known.Order())})"));
        if (problems.Count > 0) throw new DomainRuleViolation(problems.Select(p => ($"version.{p.Field}", p.Reason)).ToList());
        // A second version under the same code collides on the stream key: versions are never edited (409).
        session.Events.StartStream(MethodologyView.StreamKey(c.Version.Code), new MethodologyVersionPublished(c.Version, c.Reason.Trim()));
        return new CommandResult(c.Version.Code, 1);
    }
}

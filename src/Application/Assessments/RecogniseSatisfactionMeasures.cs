using FluentValidation;
using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Assessments;

namespace Monitoring.Application.Assessments;

/// <summary>An assessor recognises (or refuses) the measures last reported by the body, with the reason.</summary>
public sealed record RecogniseSatisfactionMeasures(string BodyCode, int Period, bool Recognised, string Reason, long? ExpectedVersion) : IBodyScoped;

public sealed class RecogniseSatisfactionMeasuresValidator : AbstractValidator<RecogniseSatisfactionMeasures>
{
    public RecogniseSatisfactionMeasuresValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("must say why (the reason is kept in the history)").MaximumLength(4000);
}

public static class RecogniseSatisfactionMeasuresHandler
{
    public static async Task<CommandResult> Handle(RecogniseSatisfactionMeasures c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Assessment>(Assessment.StreamKey(c.BodyCode, c.Period), c.ExpectedVersion, "Assessment", ct);
        stream.AppendOne(stream.Aggregate!.Recognise(c.Recognised, c.Reason));
        return new CommandResult($"{c.BodyCode}/{c.Period}", stream.CurrentVersion!.Value);
    }
}

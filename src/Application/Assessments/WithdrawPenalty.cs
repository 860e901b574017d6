using FluentValidation;
using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Assessments;

namespace Monitoring.Application.Assessments;

/// <summary>Withdraw a penalty with the reason; it stays in the history and counts nothing from then on.</summary>
public sealed record WithdrawPenalty(string BodyCode, int Period, string PenaltyId, string Reason, long? ExpectedVersion) : IBodyScoped;

public sealed class WithdrawPenaltyValidator : AbstractValidator<WithdrawPenalty>
{
    public WithdrawPenaltyValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("must say why (the reason is kept in the history)").MaximumLength(4000);
}

public static class WithdrawPenaltyHandler
{
    public static async Task<CommandResult> Handle(WithdrawPenalty c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Assessment>(Assessment.StreamKey(c.BodyCode, c.Period), c.ExpectedVersion, "Assessment", ct);
        stream.AppendOne(stream.Aggregate!.WithdrawPenalty(c.PenaltyId, c.Reason));
        return new CommandResult(c.PenaltyId, stream.CurrentVersion!.Value);
    }
}

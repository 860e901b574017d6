using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Inspections;

namespace Monitoring.Application.Inspections;

/// <summary>Withdraw a recorded violation with the reason; it counts nothing from then on and stays in the history.</summary>
public sealed record RevokeViolation(string InspectionId, string ViolationId, string Reason, long? ExpectedVersion);

public sealed class RevokeViolationValidator : AbstractValidator<RevokeViolation>
{
    public RevokeViolationValidator()
    {
        RuleFor(x => x.InspectionId).IsInspectionId();
        RuleFor(x => x.ViolationId).IsInspectionId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("must say why (the reason is kept in the history)").MaximumLength(2000);
    }
}

public static class RevokeViolationHandler
{
    public static async Task<CommandResult> Handle(RevokeViolation c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<Inspection>(Inspection.StreamKey(c.InspectionId), c.ExpectedVersion, "Inspection", ct);
        stream.AppendOne(stream.Aggregate!.Revoke(c.ViolationId, c.Reason));
        return new CommandResult(c.ViolationId, stream.CurrentVersion!.Value);
    }
}

using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;

namespace Monitoring.Application.Catalogue;

/// <summary>Retire a service from the register; no passport is valid from that date.</summary>
public sealed record RetireService(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion);

public sealed class RetireServiceValidator : AbstractValidator<RetireService>
{
    public RetireServiceValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.Reason).IsReason();
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null);
    }
}

public static class RetireServiceHandler
{
    public static async Task<CommandResult> Handle(RetireService command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<PublicService>(PublicService.StreamKey(command.Code), command.ExpectedVersion, "Service", ct);
        stream.AppendOne(stream.Aggregate!.Retire(command.RetiredOn, command.Reason));
        return new CommandResult(command.Code, stream.CurrentVersion!.Value);
    }
}

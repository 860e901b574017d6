using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;

namespace Monitoring.Application.Catalogue;

/// <summary>Retire a body (abolished or merged). Its history stays; nothing new can reference it.</summary>
public sealed record RetireStateBody(string Code, DateOnly RetiredOn, string Reason, long? ExpectedVersion);

public sealed class RetireStateBodyValidator : AbstractValidator<RetireStateBody>
{
    public RetireStateBodyValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.Reason).IsReason();
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null);
    }
}

public static class RetireStateBodyHandler
{
    public static async Task<CommandResult> Handle(RetireStateBody command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<StateBody>(StateBody.StreamKey(command.Code), command.ExpectedVersion, "State body", ct);
        stream.AppendOne(stream.Aggregate!.Retire(command.RetiredOn, command.Reason));
        return new CommandResult(command.Code, stream.CurrentVersion!.Value);
    }
}

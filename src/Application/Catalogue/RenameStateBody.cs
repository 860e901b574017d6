using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Application.Catalogue;

public sealed record RenameStateBody(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion);

public sealed class RenameStateBodyValidator : AbstractValidator<RenameStateBody>
{
    public RenameStateBodyValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.Reason).IsReason();
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null);
    }
}

public static class RenameStateBodyHandler
{
    public static async Task<CommandResult> Handle(RenameStateBody command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<StateBody>(StateBody.StreamKey(command.Code), command.ExpectedVersion, "State body", ct);
        stream.AppendOne(stream.Aggregate!.Rename(command.NameRu, command.NameKk, command.EffectiveFrom, command.Reason));
        return new CommandResult(command.Code, stream.CurrentVersion!.Value);
    }
}

using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;

namespace Monitoring.Application.Catalogue;

public sealed record RenameService(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion);

public sealed class RenameServiceValidator : AbstractValidator<RenameService>
{
    public RenameServiceValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.Reason).IsReason();
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null);
    }
}

public static class RenameServiceHandler
{
    public static async Task<CommandResult> Handle(RenameService command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<PublicService>(PublicService.StreamKey(command.Code), command.ExpectedVersion, "Service", ct);
        stream.AppendOne(stream.Aggregate!.Rename(command.NameRu, command.NameKk, command.EffectiveFrom, command.Reason));
        return new CommandResult(command.Code, stream.CurrentVersion!.Value);
    }
}

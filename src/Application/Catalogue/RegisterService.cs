using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Application.Catalogue;

/// <summary>Register a public service under its register code with its first passport.</summary>
public sealed record RegisterService(string Code, string NameRu, string? NameKk, ServicePassport Passport);

public sealed class RegisterServiceValidator : AbstractValidator<RegisterService>
{
    public RegisterServiceValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
        RuleFor(x => x.Passport).NotNull().SetValidator(new ServicePassportValidator());
    }
}

public static class RegisterServiceHandler
{
    public static async Task<CommandResult> Handle(RegisterService command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<PublicService>(PublicService.StreamKey(command.Code), ct);
        await ServicePassportRules.CheckOwnerAsync(session, command.Passport, ct);
        stream.AppendOne(PublicService.Register(stream.Aggregate, command.Code, command.NameRu, command.NameKk, command.Passport));
        return new CommandResult(command.Code, stream.CurrentVersion ?? 1);
    }
}

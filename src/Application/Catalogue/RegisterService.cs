namespace Monitoring.Application.Catalogue;

/// <summary>Register a public service under its register code with its first passport.</summary>
[Post("/api/catalogue/services", "Register a public service with its first passport", Created = "/api/catalogue/services/{id}",
    Problems = [409])]
public sealed record RegisterService(string Code, string NameRu, string? NameKk, ServicePassport Passport) : ServiceCommand(Code);

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
    public static async Task<(CommandResult, Events)> Handle(RegisterService c, [WriteAggregate(Required = false)] PublicService? existing,
        IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.CheckOwnerAsync(session, c.Passport, ct);
        return Decision.Of(c.Code, existing, PublicService.Register(existing, c.Code, c.NameRu, c.NameKk, c.Passport));
    }
}

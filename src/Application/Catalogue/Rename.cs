namespace Monitoring.Application.Catalogue;

/// <summary>Rename a state body from a date, with the reason.</summary>
[Post("/api/catalogue/bodies/{code}/rename", "Rename a state body from a date", Problems = [404, 409])]
public sealed record RenameStateBody(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion)
    : BodyCommand(Code), ICatalogueRename;

/// <summary>Rename a public service from a date, with the reason.</summary>
[Post("/api/catalogue/services/{code}/rename", "Rename a service from a date", Problems = [404, 409])]
public sealed record RenameService(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion)
    : ServiceCommand(Code), ICatalogueRename;

public interface ICatalogueRename : ICatalogueChange
{
    string NameRu { get; }
    string? NameKk { get; }
}

public abstract class CatalogueRenameValidator<T> : CatalogueChangeValidator<T> where T : ICatalogueRename
{
    protected CatalogueRenameValidator()
    {
        RuleFor(x => x.NameRu).IsName();
        RuleFor(x => x.NameKk!).MaximumLength(1000);
    }
}

public sealed class RenameStateBodyValidator : CatalogueRenameValidator<RenameStateBody>;

public sealed class RenameServiceValidator : CatalogueRenameValidator<RenameService>;

public static class CatalogueRenameHandler
{
    public static (CommandResult, Events) Handle(RenameStateBody c, [WriteAggregate] StateBody body) =>
        Decision.Of(c.Code, body, body.Rename(c.NameRu, c.NameKk, c.EffectiveFrom, c.Reason));

    public static (CommandResult, Events) Handle(RenameService c, [WriteAggregate] PublicService service) =>
        Decision.Of(c.Code, service, service.Rename(c.NameRu, c.NameKk, c.EffectiveFrom, c.Reason));
}

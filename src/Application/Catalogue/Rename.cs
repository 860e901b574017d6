using FluentValidation;
using Marten;
using Monitoring.Application.Common;

namespace Monitoring.Application.Catalogue;

/// <summary>Rename a state body from a date, with the reason.</summary>
[Post("/api/catalogue/bodies/{code}/rename", "Rename a state body from a date", Problems = [404, 409])]
public sealed record RenameStateBody(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion)
    : ICatalogueRename;

/// <summary>Rename a public service from a date, with the reason.</summary>
[Post("/api/catalogue/services/{code}/rename", "Rename a service from a date", Problems = [404, 409])]
public sealed record RenameService(string Code, string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion)
    : ICatalogueRename;

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
    public static Task<CommandResult> Handle(RenameStateBody c, IDocumentSession session, CancellationToken ct) =>
        session.ChangeBodyAsync(c, body => body.Rename(c.NameRu, c.NameKk, c.EffectiveFrom, c.Reason), ct);

    public static Task<CommandResult> Handle(RenameService c, IDocumentSession session, CancellationToken ct) =>
        session.ChangeServiceAsync(c, service => service.Rename(c.NameRu, c.NameKk, c.EffectiveFrom, c.Reason), ct);
}

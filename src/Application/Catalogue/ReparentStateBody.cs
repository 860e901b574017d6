
namespace Monitoring.Application.Catalogue;

/// <summary>Move a body under another parent body (or make it top-level with a null parent).</summary>
[Post("/api/catalogue/bodies/{code}/reparent", "Move a state body under another parent body (null: top level)", Problems = [404, 409])]
public sealed record ReparentStateBody(string Code, string? ParentCode, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion)
    : BodyCommand(Code), ICatalogueChange;

public sealed class ReparentStateBodyValidator : CatalogueChangeValidator<ReparentStateBody>
{
    public ReparentStateBodyValidator() => RuleFor(x => x.ParentCode!).IsCatalogueCode().When(x => x.ParentCode is not null);
}

public static class ReparentStateBodyHandler
{
    public static async Task<(CommandResult, Events)> Handle(ReparentStateBody c, [WriteAggregate] StateBody body, IDocumentSession session,
        CancellationToken ct)
    {
        IReadOnlyList<string> chain = [];
        if (c.ParentCode is not null)
        {
            await CatalogueRules.RequireActiveBodyAsync(session, c.ParentCode, "parentCode", ct);
            chain = await new CatalogueQueries(session).AncestorsAsync(c.ParentCode, ct);
        }
        return Decision.Of(c.Code, body, body.Reparent(c.ParentCode, chain, c.EffectiveFrom, c.Reason));
    }
}

using FluentValidation;
using Marten;
using Monitoring.Application.Common;
using Monitoring.Domain.Catalogue;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Application.Catalogue;

/// <summary>Move a body under another parent body (or make it top-level with a null parent).</summary>
[Post("/api/catalogue/bodies/{code}/reparent", "Move a state body under another parent body (null: top level)", Problems = [404, 409])]
public sealed record ReparentStateBody(string Code, string? ParentCode, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion) : ICatalogueChange;

public sealed class ReparentStateBodyValidator : CatalogueChangeValidator<ReparentStateBody>
{
    public ReparentStateBodyValidator() => RuleFor(x => x.ParentCode!).IsCatalogueCode().When(x => x.ParentCode is not null);
}

public static class ReparentStateBodyHandler
{
    public static async Task<CommandResult> Handle(ReparentStateBody command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchExistingAsync<StateBody>(StateBody.StreamKey(command.Code), command.ExpectedVersion, "State body", ct);
        IReadOnlyList<string> chain = [];
        if (command.ParentCode is not null)
        {
            await CatalogueRules.RequireActiveBodyAsync(session, command.ParentCode, "parentCode", ct);
            chain = await new CatalogueQueries(session).AncestorsAsync(command.ParentCode, ct);
        }
        stream.AppendOne(stream.Aggregate!.Reparent(command.ParentCode, chain, command.EffectiveFrom, command.Reason));
        return new CommandResult(command.Code, stream.CurrentVersion!.Value);
    }
}

namespace Monitoring.Domain.Catalogue;


/// <summary>Write-side state of a state body and the decisions on it (pure: state + command → events).</summary>
public sealed record StateBody(
    string Code, string NameRu, string? NameKk, GovernmentLevel Level, string? ParentCode, string? RegionCode,
    DateOnly EffectiveFrom, DateOnly? RetiredOn) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string code) => $"body:{code}";

    /// <summary>The stream key; lets the event store aggregate this state for writing.</summary>
    public string Id => StreamKey(Code);

    public bool IsRetired => RetiredOn is not null;

    public static StateBody? Evolve(StateBody? state, object @event) => @event switch
    {
        StateBodyRegistered e => new StateBody(e.Code, e.NameRu, e.NameKk, e.Level, e.ParentCode, e.RegionCode, e.EffectiveFrom, null),
        StateBodyRenamed e when state is not null => state with { NameRu = e.NameRu, NameKk = e.NameKk },
        StateBodyReparented e when state is not null => state with { ParentCode = e.ParentCode },
        StateBodyRetired e when state is not null => state with { RetiredOn = e.RetiredOn },
        _ => state,
    };

    public static StateBodyRegistered Register(
        StateBody? existing, string code, string nameRu, string? nameKk, GovernmentLevel level, string? parentCode,
        string? regionCode, DateOnly effectiveFrom)
    {
        if (existing is not null) throw new InvalidTransition($"State body '{code}' is already registered");
        if (parentCode == code) throw new DomainRuleViolation("parentCode", "a body cannot be its own parent");
        return new StateBodyRegistered(code, nameRu.Trim(), nameKk?.Trim(), level, parentCode, regionCode, effectiveFrom);
    }

    public StateBodyRenamed Rename(string nameRu, string? nameKk, DateOnly effectiveFrom, string reason)
    {
        EnsureActive();
        if (nameRu.Trim() == NameRu && nameKk?.Trim() == NameKk)
            throw new InvalidTransition("The new names are the same as the current ones");
        return new StateBodyRenamed(Code, nameRu.Trim(), nameKk?.Trim(), effectiveFrom, reason.Trim());
    }

    /// <param name="ancestorsOfNewParent">The chain of parents above the new parent, used to refuse cycles.</param>
    public StateBodyReparented Reparent(string? parentCode, IReadOnlyCollection<string> ancestorsOfNewParent, DateOnly effectiveFrom, string reason)
    {
        EnsureActive();
        if (parentCode == Code || ancestorsOfNewParent.Contains(Code))
            throw new DomainRuleViolation("parentCode", $"'{parentCode}' is '{Code}' or one of its subordinate bodies: that would make a cycle");
        if (parentCode == ParentCode) throw new InvalidTransition($"'{Code}' already has this parent");
        return new StateBodyReparented(Code, parentCode, effectiveFrom, reason.Trim());
    }

    public StateBodyRetired Retire(DateOnly retiredOn, string reason)
    {
        EnsureActive();
        if (retiredOn < EffectiveFrom)
            throw new DomainRuleViolation("retiredOn", $"must not be before the body was registered ({EffectiveFrom:yyyy-MM-dd})");
        return new StateBodyRetired(Code, retiredOn, reason.Trim());
    }

    private void EnsureActive()
    {
        if (IsRetired) throw new InvalidTransition($"State body '{Code}' was retired on {RetiredOn:yyyy-MM-dd}");
    }
}

namespace Monitoring.Domain.Catalogue;


/// <summary>
/// Write-side state of a public service: its names and every passport it has had, ordered by effective date
/// (a later-recorded passport with the same effective date corrects the earlier one).
/// </summary>
public sealed record PublicService(
    string Code, string NameRu, string? NameKk, IReadOnlyList<ServicePassport> Passports, DateOnly? RetiredOn) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string code) => $"service:{code}";

    /// <summary>The stream key; lets the event store aggregate this state for writing.</summary>
    public string Id => StreamKey(Code);

    public bool IsRetired => RetiredOn is not null;

    public DateOnly ValidFrom => Passports[0].EffectiveFrom;

    public static PublicService? Evolve(PublicService? state, object @event) => @event switch
    {
        ServiceRegistered e => new PublicService(e.Code, e.NameRu, e.NameKk, [e.Passport], null),
        ServiceRenamed e when state is not null => state with { NameRu = e.NameRu, NameKk = e.NameKk },
        ServicePassportChanged e when state is not null => state with { Passports = Insert(state.Passports, e.Passport) },
        ServiceRetired e when state is not null => state with { RetiredOn = e.RetiredOn },
        _ => state,
    };

    /// <summary>The passport valid on <paramref name="date"/>; null before the first one or from the retirement date.</summary>
    public ServicePassport? PassportOn(DateOnly date) =>
        EffectiveDated.ValidOn(Passports, RetiredOn, date, p => p.EffectiveFrom);

    public static ServiceRegistered Register(PublicService? existing, string code, string nameRu, string? nameKk, ServicePassport passport)
    {
        if (existing is not null) throw new InvalidTransition($"Service '{code}' is already registered");
        CheckPassport(passport);
        return new ServiceRegistered(code, nameRu.Trim(), nameKk?.Trim(), passport);
    }

    public ServiceRenamed Rename(string nameRu, string? nameKk, DateOnly effectiveFrom, string reason)
    {
        EnsureActive();
        if (nameRu.Trim() == NameRu && nameKk?.Trim() == NameKk)
            throw new InvalidTransition("The new names are the same as the current ones");
        return new ServiceRenamed(Code, nameRu.Trim(), nameKk?.Trim(), effectiveFrom, reason.Trim());
    }

    public ServicePassportChanged ChangePassport(ServicePassport passport, string reason)
    {
        EnsureActive();
        CheckPassport(passport);
        if (passport.EffectiveFrom < ValidFrom)
            throw new DomainRuleViolation("passport.effectiveFrom",
                $"must not be before the service's first passport ({ValidFrom:yyyy-MM-dd})");
        return new ServicePassportChanged(Code, passport, reason.Trim());
    }

    public ServiceRetired Retire(DateOnly retiredOn, string reason)
    {
        EnsureActive();
        if (retiredOn <= ValidFrom)
            throw new DomainRuleViolation("retiredOn", $"must be after the service's first passport ({ValidFrom:yyyy-MM-dd})");
        return new ServiceRetired(Code, retiredOn, reason.Trim());
    }

    private static void CheckPassport(ServicePassport passport)
    {
        if (passport.ChannelTerms?.Keys.Where(c => !passport.Channels.Contains(c)).ToList() is [var channel, ..])
            throw new DomainRuleViolation("passport.channelTerms", $"sets a term for channel {channel}, which is not an allowed channel");
    }

    private void EnsureActive()
    {
        if (IsRetired) throw new InvalidTransition($"Service '{Code}' was retired on {RetiredOn:yyyy-MM-dd}");
    }

    private static IReadOnlyList<ServicePassport> Insert(IReadOnlyList<ServicePassport> passports, ServicePassport passport)
    {
        var list = passports.ToList();
        EffectiveDated.Insert(list, passport, p => p.EffectiveFrom);
        return list;
    }
}

namespace Monitoring.Domain.Catalogue;

/// <summary>Central (республиканский) or local (местный исполнительный орган) level of a body or service.</summary>
public enum GovernmentLevel { Central, Local }

/// <summary>Where a service is obtained (место получения). A response may name several.</summary>
public enum Channel
{
    /// <summary>At the state body itself, on paper (услугодатель).</summary>
    Body,
    /// <summary>State Corporation public service centres (ЦОН / ХҚКО).</summary>
    StateCorporation,
    /// <summary>The e-gov portal (egov.kz).</summary>
    EGov,
    CallCentre,
    MissionAbroad,
}

public enum TermUnit { WorkingDays, CalendarDays, Minutes }

/// <summary>Form of the service result (форма результата).</summary>
public enum ResultForm { Paper, Electronic, PaperOrElectronic }

/// <summary>Standard term of a service (срок оказания), e.g. 10 working days or 30 minutes.</summary>
public sealed record StandardTerm(decimal Value, TermUnit Unit)
{
    public bool IsOneWorkingDayOrLess => Unit switch
    {
        TermUnit.WorkingDays => Value <= 1m,
        TermUnit.CalendarDays => Value <= 1m,
        TermUnit.Minutes => true,
        _ => false,
    };

    public override string ToString() => $"{Value} {Unit}";
}

/// <summary>
/// The service passport (паспорт / стандарт государственной услуги) valid from <see cref="EffectiveFrom"/>
/// until the next passport takes effect. Ratings and deadline counts use the passport valid in their period.
/// </summary>
public sealed record ServicePassport(
    string BodyCode,
    GovernmentLevel Level,
    IReadOnlyList<Channel> Channels,
    StandardTerm? StandardTerm,
    IReadOnlyDictionary<Channel, StandardTerm>? ChannelTerms,
    int? MaxQueueWaitMinutes,
    bool Paid,
    ResultForm? ResultForm,
    DateOnly EffectiveFrom)
{
    /// <summary>The term that applies to a channel: the channel's own term where the standard sets one, else the general term.</summary>
    public StandardTerm? TermFor(Channel channel) =>
        ChannelTerms is not null && ChannelTerms.TryGetValue(channel, out var term) ? term : StandardTerm;
}

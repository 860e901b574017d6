using FsCheck;
using FsCheck.Fluent;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Tests.Catalogue;

public sealed class PassportTimelineTests
{
    private static ServicePassport Passport(DateOnly from, decimal days) =>
        new("MJ", GovernmentLevel.Central, [Channel.Body, Channel.EGov], new StandardTerm(days, TermUnit.WorkingDays), null, null, false, null, from);

    private static readonly DateOnly Start = new(2017, 1, 1);

    private static PublicService Registered(decimal days = 30) =>
        PublicService.Evolve(null, PublicService.Register(null, "PM-001", "Апостиль", null, Passport(Start, days)))!;

    [Fact]
    public void No_passport_is_valid_before_the_first_takes_effect()
    {
        var service = Registered();
        service.PassportOn(Start.AddDays(-1)).ShouldBeNull();
        service.PassportOn(Start)!.StandardTerm!.Value.ShouldBe(30m);
    }

    [Fact]
    public void A_later_passport_applies_from_its_date_and_a_retroactive_one_slots_in_by_date()
    {
        var service = Registered();
        service = PublicService.Evolve(service, service.ChangePassport(Passport(new DateOnly(2019, 1, 1), 10), "cut"))!;
        service = PublicService.Evolve(service, service.ChangePassport(Passport(new DateOnly(2018, 1, 1), 20), "recorded late"))!;

        service.PassportOn(new DateOnly(2017, 12, 31))!.StandardTerm!.Value.ShouldBe(30m);
        service.PassportOn(new DateOnly(2018, 6, 1))!.StandardTerm!.Value.ShouldBe(20m);
        service.PassportOn(new DateOnly(2019, 1, 1))!.StandardTerm!.Value.ShouldBe(10m);
    }

    [Fact]
    public void A_passport_with_the_same_date_corrects_the_earlier_one_without_erasing_it()
    {
        var service = Registered();
        service = PublicService.Evolve(service, service.ChangePassport(Passport(new DateOnly(2018, 7, 1), 10), "cut"))!;
        service = PublicService.Evolve(service, service.ChangePassport(Passport(new DateOnly(2018, 7, 1), 12), "typo"))!;
        service.PassportOn(new DateOnly(2018, 7, 1))!.StandardTerm!.Value.ShouldBe(12m);
        service.Passports.Count.ShouldBe(3);
    }

    [Fact]
    public void Retirement_ends_validity_and_forbids_further_changes()
    {
        var service = Registered();
        service = PublicService.Evolve(service, service.Retire(new DateOnly(2020, 1, 1), "excluded"))!;
        service.PassportOn(new DateOnly(2019, 12, 31)).ShouldNotBeNull();
        service.PassportOn(new DateOnly(2020, 1, 1)).ShouldBeNull();
        Should.Throw<InvalidTransition>(() => service.ChangePassport(Passport(new DateOnly(2021, 1, 1), 5), "x"));
        Should.Throw<InvalidTransition>(() => service.Retire(new DateOnly(2021, 1, 1), "again"));
    }

    [Fact]
    public void A_passport_before_the_service_existed_or_a_term_for_a_channel_not_allowed_is_refused()
    {
        var service = Registered();
        Should.Throw<DomainRuleViolation>(() => service.ChangePassport(Passport(Start.AddDays(-1), 5), "x")).Field.ShouldBe("passport.effectiveFrom");
        var withForeignChannel = Passport(new DateOnly(2018, 1, 1), 5) with
        {
            ChannelTerms = new Dictionary<Channel, StandardTerm> { [Channel.StateCorporation] = new(3, TermUnit.WorkingDays) },
        };
        Should.Throw<DomainRuleViolation>(() => service.ChangePassport(withForeignChannel, "x")).Field.ShouldBe("passport.channelTerms");
    }

    [Fact]
    public void A_channel_term_overrides_the_general_term_for_that_channel_only()
    {
        var passport = Passport(Start, 10) with
        {
            Channels = [Channel.Body, Channel.EGov],
            ChannelTerms = new Dictionary<Channel, StandardTerm> { [Channel.EGov] = new(15, TermUnit.Minutes) },
        };
        passport.TermFor(Channel.EGov)!.ShouldBe(new StandardTerm(15, TermUnit.Minutes));
        passport.TermFor(Channel.Body)!.Value.ShouldBe(10m);
    }

    [Theory]
    [InlineData(1, TermUnit.WorkingDays, true)]
    [InlineData(2, TermUnit.WorkingDays, false)]
    [InlineData(30, TermUnit.Minutes, true)]
    [InlineData(10, TermUnit.CalendarDays, false)]
    public void One_working_day_services_are_recognised(decimal value, TermUnit unit, bool expected) =>
        new StandardTerm(value, unit).IsOneWorkingDayOrLess.ShouldBe(expected);

    /// <summary>
    /// Whatever order passports are recorded in, the one valid on a date is the latest-effective one not after it,
    /// and among equal dates the last recorded.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool The_valid_passport_is_the_last_recorded_among_the_latest_effective_not_after_the_date(int[] offsets, int probe)
    {
        var changes = offsets.Take(12).Select((o, i) => (From: Start.AddDays(Math.Abs(o % 900)), Days: (decimal)(i + 2))).ToList();
        var service = Registered(days: 1);
        foreach (var (from, days) in changes)
            service = PublicService.Evolve(service, service.ChangePassport(Passport(from, days), "change"))!;

        var date = Start.AddDays(Math.Abs(probe % 1000) - 30);
        var all = new List<(DateOnly From, decimal Days)> { (Start, 1m) };
        all.AddRange(changes);
        var expected = all.Select((p, order) => (p.From, p.Days, order))
            .Where(p => p.From <= date)
            .OrderBy(p => p.From).ThenBy(p => p.order)
            .Select(p => (decimal?)p.Days)
            .LastOrDefault();
        return service.PassportOn(date)?.StandardTerm?.Value == expected;
    }
}

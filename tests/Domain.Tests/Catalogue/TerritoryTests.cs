using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Tests.Catalogue;

public sealed class TerritoryTests
{
    private static Territory Registered(string code, string country, string? parentCode = null, Territory? parent = null) =>
        Territory.Evolve(null, Territory.Register(null, code, country, $"Территория {code}", null, null, parentCode, parent))!;

    [Fact]
    public void A_region_and_a_city_under_it_are_registered_with_their_country_and_parent()
    {
        var region = Registered("RU-KLU", "RU");
        var city = Territory.Register(null, "RU-KLU-KALUGA", "RU", " г. Калуга ", " ", "Kaluga", "RU-KLU", region);
        city.ShouldBe(new TerritoryRegistered("RU-KLU-KALUGA", "RU", "г. Калуга", null, "Kaluga", "RU-KLU"));
        Territory.Evolve(null, city)!.ParentCode.ShouldBe("RU-KLU");
    }

    [Fact]
    public void A_second_registration_is_refused()
    {
        var existing = Registered("KZ-KAR", "KZ");
        Should.Throw<InvalidTransition>(() => Territory.Register(existing, "KZ-KAR", "KZ", "x", null, null, null, null))
            .Message.ShouldContain("already registered");
    }

    [Fact]
    public void A_parent_that_is_not_registered_or_of_another_country_is_refused()
    {
        Should.Throw<DomainRuleViolation>(() => Territory.Register(null, "RU-KLU-KALUGA", "RU", "x", null, null, "RU-KLU", null))
            .Field.ShouldBe("parentCode");
        var kazakhRegion = Registered("KZ-KAR", "KZ");
        var refusal = Should.Throw<DomainRuleViolation>(() => Territory.Register(null, "RU-KLU", "RU", "x", null, null, "KZ-KAR", kazakhRegion));
        refusal.Field.ShouldBe("parentCode");
        refusal.Reason.ShouldContain("KZ");
    }

    [Fact]
    public void A_code_must_begin_with_its_country()
    {
        Should.Throw<DomainRuleViolation>(() => Territory.Register(null, "KZ-KLU", "RU", "x", null, null, null, null)).Field.ShouldBe("code");
        // A country code that is only a prefix of the code's first part does not pass either.
        Should.Throw<DomainRuleViolation>(() => Territory.Register(null, "KZX-1", "KZ", "x", null, null, null, null)).Field.ShouldBe("code");
    }

    [Fact]
    public void Renaming_changes_the_names_but_never_the_code_and_the_same_names_record_nothing()
    {
        var region = Registered("KZ-YUZ", "KZ");
        var renamed = region.Rename("Туркестанская область", "Түркістан облысы", "Turkestan Region", new DateOnly(2018, 6, 19), " renamed by decree ");
        renamed.ShouldBe(new TerritoryRenamed("KZ-YUZ", "Туркестанская область", "Түркістан облысы", "Turkestan Region", new DateOnly(2018, 6, 19), "renamed by decree"));
        var after = Territory.Evolve(region, renamed)!;
        (after.Code, after.NameRu, after.NameEn, after.Country).ShouldBe(("KZ-YUZ", "Туркестанская область", "Turkestan Region", "KZ"));
        Should.Throw<InvalidTransition>(() => after.Rename("Туркестанская область", "Түркістан облысы", "Turkestan Region", new DateOnly(2019, 1, 1), "r"));
    }
}

using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Tests.Catalogue;

public sealed class StateBodyTests
{
    private static StateBody Body(string code, string? parent = null) =>
        StateBody.Evolve(null, StateBody.Register(null, code, $"Орган {code}", null, GovernmentLevel.Local, parent, "KZ-KAR", new DateOnly(2017, 1, 1)))!;

    [Fact]
    public void Registering_an_existing_body_again_is_refused() =>
        Should.Throw<InvalidTransition>(() => StateBody.Register(Body("A"), "A", "x", null, GovernmentLevel.Central, null, null, new DateOnly(2017, 1, 1)));

    [Fact]
    public void A_body_cannot_be_its_own_parent_nor_move_under_a_descendant()
    {
        Should.Throw<DomainRuleViolation>(() => StateBody.Register(null, "A", "x", null, GovernmentLevel.Central, "A", null, new DateOnly(2017, 1, 1)))
            .Field.ShouldBe("parentCode");
        var top = Body("TOP");
        // New parent "SUB" sits under "MID", which sits under "TOP".
        Should.Throw<DomainRuleViolation>(() => top.Reparent("SUB", ["SUB", "MID", "TOP"], new DateOnly(2018, 1, 1), "r"));
        top.Reparent("OTHER", ["OTHER"], new DateOnly(2018, 1, 1), "r").ParentCode.ShouldBe("OTHER");
    }

    [Fact]
    public void Renaming_to_the_same_names_records_nothing_and_a_retired_body_is_frozen()
    {
        var body = Body("A");
        Should.Throw<InvalidTransition>(() => body.Rename("Орган A", null, new DateOnly(2018, 1, 1), "r"));
        var renamed = StateBody.Evolve(body, body.Rename("Новый", "Жаңа", new DateOnly(2018, 1, 1), " r "))!;
        renamed.NameRu.ShouldBe("Новый");
        var retired = StateBody.Evolve(renamed, renamed.Retire(new DateOnly(2019, 1, 1), "abolished"))!;
        retired.IsRetired.ShouldBeTrue();
        Should.Throw<InvalidTransition>(() => retired.Rename("Ещё", null, new DateOnly(2020, 1, 1), "r"));
        Should.Throw<DomainRuleViolation>(() => body.Retire(new DateOnly(2016, 1, 1), "r")).Field.ShouldBe("retiredOn");
    }
}

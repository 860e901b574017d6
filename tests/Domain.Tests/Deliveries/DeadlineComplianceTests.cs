using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Deliveries;

namespace Monitoring.Domain.Tests.Deliveries;

public sealed class DeadlineComplianceTests
{
    private static ServicePassport Passport(decimal days) =>
        new("AKIMAT-KAR", GovernmentLevel.Local, [Channel.Body], new StandardTerm(days, TermUnit.WorkingDays), null, null, false, null, new DateOnly(2017, 1, 1));

    [Fact]
    public void Karaganda_2017_one_day_services_leave_the_base_and_a_delivery_reported_twice_counts_once()
    {
        // 5,067,591 delivered, of which 3,954,053 by services with a one-working-day standard → 1,113,538 counted.
        var deliveries = new[]
        {
            new ServiceDeliveries("one-day", 3_954_053, Passport(1)),
            new ServiceDeliveries("ten-days", 1_113_538, Passport(10)),
        };
        // 39 in the body's report and 504 in the information system, 3 of them the same deliveries → 540.
        var late = Enumerable.Range(0, 39).Select(i => new LateDelivery($"R{i}", DeliverySource.BodyReport, "ten-days"))
            .Concat(Enumerable.Range(36, 504).Select(i => new LateDelivery($"R{i}", DeliverySource.InformationSystem, "ten-days")));

        var c = DeadlineCompliance.Of(deliveries, late);
        c.Delivered.ShouldBe(5_067_591);
        c.Counted.ShouldBe(1_113_538);
        c.LateDistinct.ShouldBe(540);
        c.LateBySource[DeliverySource.BodyReport].ShouldBe(39);
        c.LateBySource[DeliverySource.InformationSystem].ShouldBe(504);
        Math.Round(c.LateShare!.Value * 100, 4).ShouldBe(0.0485m);
    }

    [Fact]
    public void The_direction_compares_shares_and_falls_back_to_counts()
    {
        DeadlineCompliance Of(long counted, int late) => DeadlineCompliance.Of([new ServiceDeliveries("s", counted, Passport(5))],
            Enumerable.Range(0, late).Select(i => new LateDelivery($"x{i}", DeliverySource.BodyReport, "s")));
        DeadlineCompliance.Direction(Of(1000, 5), Of(1000, 10)).ShouldBe(1);
        DeadlineCompliance.Direction(Of(1000, 10), Of(1000, 5)).ShouldBe(-1);
        DeadlineCompliance.Direction(Of(0, 766), Of(0, 184)).ShouldBe(-1);
    }

    [Fact]
    public void Late_deliveries_known_only_as_a_count_add_to_the_distinct_ones_without_de_duplication()
    {
        var late = new[] { new LateDelivery("R1", DeliverySource.BodyReport, "S"), new LateDelivery("R1", DeliverySource.InformationSystem, "S") };
        var c = DeadlineCompliance.Of([new ServiceDeliveries("S", 1_000, Passport(10))], late,
            new Dictionary<DeliverySource, long> { [DeliverySource.Inspection] = 226, [DeliverySource.InternalControl] = 0 });
        c.LateDistinct.ShouldBe(227);
        c.LateBySource[DeliverySource.Inspection].ShouldBe(226);
        c.LateBySource.ContainsKey(DeliverySource.InternalControl).ShouldBeFalse();
        c.LateShare.ShouldBe(0.227m);
    }
}

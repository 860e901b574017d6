using Monitoring.Domain.Assessments;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Complaints;
using Monitoring.Domain.Deliveries;
using Monitoring.Domain.Inspections;
using Monitoring.Domain.InternalControl;
using Monitoring.Domain.Methodology;

namespace Monitoring.Domain.Tests.Assessments;

/// <summary>
/// The fold keeps running counts so that a replay reads the inputs after every event cheaply (the history of a figure).
/// Here random evidence — reports from two sources sharing late deliveries, violations recorded (alone or a file of them),
/// re-recorded, corrected (type, count, case references) and revoked, complaints decided and decided again, penalties
/// withdrawn, passports of one-day services — is folded event by event, and after every event the values are compared with
/// the same inputs counted from scratch the plain way (every violation and report scanned), and the replayed scorecard
/// with a full one.
/// </summary>
public sealed class EvidenceReplayTests
{
    private const string Body = "B";
    private const int Period = 2017;
    private static readonly string[] Services = ["ONE", "TEN", "FIVE"];

    private static readonly ServicePassport Days10 = new(Body, GovernmentLevel.Local, [Channel.Body], new StandardTerm(10, TermUnit.WorkingDays), null, null,
        false, null, new DateOnly(2010, 1, 1));

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void The_values_after_every_event_are_those_counted_from_scratch_and_the_replayed_scorecard_is_the_full_one(int seed)
    {
        var random = new Random(seed);
        var evidence = new AssessmentEvidence(Body, Period);
        var replay = new ScorecardReplay(Kz2017.Version);
        var facts = new List<object>();
        var passports = new Dictionary<(string, int), ServicePassport>();
        long sequence = 0;
        EvidenceRef Ref(object data) => new("s", 1, ++sequence, data.GetType().Name, null, DateTimeOffset.UnixEpoch.AddSeconds(sequence), "t", "x");
        string Reference() => $"R{random.Next(40)}";
        IReadOnlyList<string>? Cases() => random.Next(3) == 0 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => Reference()).Distinct().ToList() : null;
        var types = new[] { ViolationType.DeadlineBreach, ViolationType.IncompletePackage, ViolationType.BusinessProcessBreach, ViolationType.UnjustifiedRefusal };

        for (var step = 0; step < 400; step++)
        {
            object data = random.Next(14) switch
            {
                0 => new DeliveryReportSubmitted($"r{step}", random.Next(2) == 0 ? DeliverySource.BodyReport : DeliverySource.InformationSystem, Body,
                    Period - random.Next(2), [new DeliveryLine(Services[random.Next(3)], Channel.Body, random.Next(1_000, 50_000), 0)],
                    Enumerable.Range(0, random.Next(6)).Select(_ => new LateCase(Reference(), "TEN")).ToList(), 0),
                1 or 2 or 3 => new ViolationRecorded("I", $"v{random.Next(30)}", types[random.Next(4)], Services[random.Next(3)], null, Period - random.Next(2),
                    random.Next(1, 50), Cases(), "act"),
                4 => new ViolationCorrected("I", $"v{random.Next(30)}", types[random.Next(4)], random.Next(1, 50), Cases(), "fix"),
                5 => new ViolationRevoked("I", $"v{random.Next(30)}", "revoked"),
                6 => new ComplaintLodged($"c{random.Next(8)}", Body, null, Channel.Body, new DateOnly(Period, 3, 1), new DateOnly(Period, 3, 20), "x"),
                7 => new ComplaintDecided($"c{random.Next(8)}", random.Next(2) == 0, "r", new DateOnly(Period, 3, 10)),
                8 => new PenaltyAssessed(Body, Period, $"p{random.Next(4)}", random.Next(1, 3), "r", "b"),
                9 => new PenaltyWithdrawn(Body, Period, $"p{random.Next(4)}", "w"),
                10 => new InternalControlReportSubmitted($"ic{step}", Body, Period, 1, 1, 0, random.Next(10),
                    new Dictionary<ViolationType, long> { [types[random.Next(4)]] = random.Next(20) }),
                11 => "survey",
                12 => new ViolationsImported("I", Enumerable.Range(0, random.Next(1, 5)).Select(_ => new ViolationRecorded("I", $"v{random.Next(30)}",
                    types[random.Next(4)], Services[random.Next(3)], null, Period - random.Next(2), random.Next(1, 50), Cases(), "file"))
                    .DistinctBy(v => v.ViolationId).ToList()),
                _ => "passport",
            };
            if (data is "survey") evidence.AddSurvey(Ref(data), 10, random.Next(11), 10);
            else if (data is "passport")
            {
                var (service, forPeriod) = (Services[random.Next(3)], Period - random.Next(2));
                var passport = random.Next(2) == 0 ? Days10 : Days10 with { StandardTerm = new StandardTerm(1, TermUnit.WorkingDays) };
                evidence.SetPassport(service, forPeriod, passport, Ref(data));
                passports[(service, forPeriod)] = passport;
            }
            else
            {
                evidence.Add(Ref(data), data);
                facts.Add(data);
            }

            var values = evidence.Values();
            values.OrderBy(kv => kv.Key).ShouldBe(FromScratch(facts, passports, values).OrderBy(kv => kv.Key), $"seed {seed}, step {step} ({data})");
            var previousFinal = values[AssessmentEvidence.PreviousFinal];
            var replayed = replay.Next(values, previousFinal);
            var full = ScorecardCalculator.Compute(Kz2017.Version, values, previousFinal);
            Points(replayed).ShouldBe(Points(full), $"seed {seed}, step {step}");
            evidence.Inputs().Select(kv => (kv.Key, kv.Value.Value)).ShouldBe(values.Select(kv => (kv.Key, kv.Value)));
        }
    }

    private static IEnumerable<(string, decimal, decimal, string)> Points(ScorecardResult s) =>
        s.Criteria.SelectMany(c => c.Indicators.Select(i => (i.Code, i.Raw, i.Points, c.Code)))
            .Append(("sum", s.Sum, s.Final, s.Rating)).Append(("penalty", s.Penalty, s.Change ?? -1, ""));

    /// <summary>The inputs the running counts stand for, counted the plain way from every fact folded so far.</summary>
    private static Dictionary<string, decimal?> FromScratch(List<object> facts, Dictionary<(string, int), ServicePassport> passports,
        IReadOnlyDictionary<string, decimal?> others)
    {
        var violations = new Dictionary<(string, string), ViolationState>();
        foreach (var f in facts.SelectMany(ViolationLedger.Facts)) ViolationLedger.Apply(violations, f);
        var reports = facts.OfType<DeliveryReportSubmitted>().ToList();
        var internalControl = facts.OfType<InternalControlReportSubmitted>().ToList();
        var complaints = new Dictionary<string, bool?>();
        foreach (var f in facts)
            if (f is ComplaintLodged l) complaints[l.ComplaintId] = null;
            else if (f is ComplaintDecided d && complaints.ContainsKey(d.ComplaintId)) complaints[d.ComplaintId] = d.Justified;

        DeadlineCompliance Deadlines(int period) => DeadlineCompliance.OfReports(reports.Where(r => r.Period == period).ToList(),
            violations.Values.Where(v => v.Recorded.Period == period && !v.Revoked && v.Type == ViolationType.DeadlineBreach)
                .Select(v => new InspectedBreach(v.Recorded.ServiceCode, v.Count, v.Cases)).ToList(),
            service => passports.GetValueOrDefault((service, period)));
        bool Known(int period) => reports.Any(r => r.Period == period) || violations.Values.Any(v => v.Recorded.Period == period
            && (v.Type == ViolationType.DeadlineBreach || v.Recorded.Type == ViolationType.DeadlineBreach));
        decimal Standing(ViolationType type) => violations.Values.Where(v => v.Recorded.Period == Period && !v.Revoked && v.Type == type).Sum(v => v.Count)
            + internalControl.Sum(r => r.ViolationsByType.GetValueOrDefault(type));

        var (current, previous) = (Deadlines(Period), Deadlines(Period - 1));
        // Survey, measures, penalties and the previous final are not counted incrementally: taken as they are.
        return new Dictionary<string, decimal?>(others)
        {
            [Kz2017.Inputs.Late] = current.LateDistinct,
            [Kz2017.Inputs.Counted] = current.Counted,
            [Kz2017.Inputs.PreviousShare] = previous.LateShare,
            [Kz2017.Inputs.PreviousLate] = Known(Period - 1) ? previous.LateDistinct : null,
            [Kz2017.Inputs.UnjustifiedRefusals] = Standing(ViolationType.UnjustifiedRefusal),
            [Kz2017.Inputs.IncompletePackage] = Standing(ViolationType.IncompletePackage),
            [Kz2017.Inputs.ExtraDocuments] = Standing(ViolationType.ExtraDocumentsDemanded),
            [Kz2017.Inputs.BusinessProcess] = Standing(ViolationType.BusinessProcessBreach),
            [Kz2017.Inputs.JustifiedComplaints] = complaints.Values.Count(v => v == true),
            [Kz2017.Inputs.FoundByInternalControl] = internalControl.Sum(r => r.DeadlineViolationsFound),
        };
    }
}

using Monitoring.Application.Assessments;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Application.Complaints;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Assessments;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;
using Monitoring.Domain.Complaints;
using Monitoring.Domain.Inspections;

namespace Monitoring.Api.Tests.Specifications;

/// <summary>
/// Given events → when a command is handled → then the answer and the events, or a refusal: the aggregate handlers are
/// pure functions of the command and the state Wolverine fetched, so they are specified without a database (what the
/// workflow around them does — fetch, 404, expectedVersion, append, commit — is covered through the API).
/// </summary>
public sealed class HandlerSpecifications
{
    /// <summary>The state as Wolverine hands it to a handler: folded from the stream, at the stream's version.</summary>
    private static T Given<T>(Func<T?, object, T?> evolve, params object[] history) where T : class, IVersioned
    {
        var state = history.Aggregate((T?)null, evolve)!;
        state.Version = history.Length;
        return state;
    }

    private static readonly InspectionOpened Opened = new("I-1", "AKIMAT-KAR", null, InspectionKind.Planned, ["PM-001"],
        new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), "приказ № 1", new DateOnly(2018, 2, 1));

    private static readonly ComplaintLodged Lodged = new("C-1", "AKIMAT-KAR", null, Channel.Body, new DateOnly(2017, 3, 1),
        new DateOnly(2017, 3, 16), "Отказ в приёме документов");

    [Fact]
    public void A_violation_by_cases_counts_its_cases_and_answers_the_next_version()
    {
        var inspection = Given<Inspection>(Inspection.Evolve, Opened);
        var (result, events) = RecordViolationHandler.Handle(new RecordViolation("I-1", "v1", ViolationType.DeadlineBreach, "PM-001", null, 2017,
            0, ["APP-1", "APP-2", "APP-3"], " Акт проверки "), inspection);
        result.ShouldBe(new CommandResult("v1", 2));
        var recorded = events.ShouldHaveSingleItem().ShouldBeOfType<ViolationRecorded>();
        (recorded.Count, recorded.Evidence).ShouldBe((3L, "Акт проверки"));
    }

    [Fact]
    public void A_closed_inspection_records_nothing_more()
    {
        var closed = Given<Inspection>(Inspection.Evolve, Opened, new InspectionClosed("I-1", new DateOnly(2018, 3, 1), "нарушения", []));
        Should.Throw<InvalidTransition>(() => RecordViolationHandler.Handle(new RecordViolation("I-1", "v1", ViolationType.DeadlineBreach,
            "PM-001", null, 2017, 1, null, "Акт"), closed));
    }

    [Fact]
    public void A_steward_decides_only_the_complaints_of_their_own_body()
    {
        var complaint = Given<Complaint>(Complaint.Evolve, Lodged);
        var decide = new DecideComplaint("C-1", true, "Отказ необоснован", new DateOnly(2017, 3, 10));
        var other = new Actor("aliya (steward)", ["steward"], "AKIMAT-AST", true);
        Should.Throw<BodyForbidden>(() => DecideComplaintHandler.Handle(decide, complaint, other));

        var own = other with { Body = "AKIMAT-KAR" };
        var (result, events) = DecideComplaintHandler.Handle(decide, complaint, own);
        result.ShouldBe(new CommandResult("C-1", 2));
        events.ShouldHaveSingleItem().ShouldBeOfType<ComplaintDecided>().Justified.ShouldBeTrue();
    }

    [Fact]
    public void An_answered_complaint_is_never_marked_overdue_and_its_version_stays()
    {
        var answered = Given<Complaint>(Complaint.Evolve, Lodged, new ComplaintAnswered("C-1", new DateOnly(2017, 3, 20)));
        var (result, events) = MarkComplaintOverdueHandler.Handle(new MarkComplaintOverdue("C-1", new DateOnly(2017, 4, 1)), answered);
        events.ShouldBeEmpty();
        result.ShouldBe(new CommandResult("C-1", 2));

        var open = Given<Complaint>(Complaint.Evolve, Lodged);
        MarkComplaintOverdueHandler.Handle(new MarkComplaintOverdue("C-1", new DateOnly(2017, 4, 1)), open).Item2
            .ShouldHaveSingleItem().ShouldBeOfType<ComplaintAnswerOverdue>();
    }

    [Fact]
    public void A_penalty_is_assessed_once_and_withdrawn_once()
    {
        var assessment = Given<Assessment>(Assessment.Evolve, new AssessmentOpened("AKIMAT-KAR", 2017, "KZ-2017", 39, "Заключение за 2016 год"));
        var assess = new AssessPenalty("AKIMAT-KAR", 2017, "p1", 2m, " Недостоверные сведения ", "п. 25 Методики", null);
        var (result, events) = AssessPenaltyHandler.Handle(assess, assessment);
        result.ShouldBe(new CommandResult("p1", 2));
        var assessed = events.ShouldHaveSingleItem().ShouldBeOfType<PenaltyAssessed>();
        assessed.Reason.ShouldBe("Недостоверные сведения");

        var withPenalty = Given<Assessment>(Assessment.Evolve, new AssessmentOpened("AKIMAT-KAR", 2017, "KZ-2017", 39, "Заключение за 2016 год"), assessed);
        Should.Throw<InvalidTransition>(() => AssessPenaltyHandler.Handle(assess, withPenalty));
        var withdraw = new WithdrawPenalty("AKIMAT-KAR", 2017, "p1", "Сведения подтверждены", null);
        WithdrawPenaltyHandler.Handle(withdraw, withPenalty).Item1.ShouldBe(new CommandResult("p1", 3));
        Should.Throw<NotFound>(() => WithdrawPenaltyHandler.Handle(withdraw with { PenaltyId = "p9" }, withPenalty));
    }
}

namespace Monitoring.Domain.Complaints;

/// <summary>Write-side state of a complaint and the decisions on it; <see cref="BodyCode"/> is the body it was lodged
/// with, which decides who may act on it.</summary>
public sealed record Complaint(string ComplaintId, string BodyCode, DateOnly LodgedOn, DateOnly AnswerDue, bool? Justified, DateOnly? AnsweredOn, bool Overdue) : IVersioned
{
    /// <summary>The stream version this state was folded to (set by Marten).</summary>
    public long Version { get; set; }
    public static string StreamKey(string id) => $"complaint:{id}";

    public string Id => StreamKey(ComplaintId);

    public static Complaint? Evolve(Complaint? state, object @event) => @event switch
    {
        ComplaintLodged e => new Complaint(e.ComplaintId, e.BodyCode, e.LodgedOn, e.AnswerDue, null, null, false),
        ComplaintDecided e when state is not null => state with { Justified = e.Justified },
        ComplaintAnswered e when state is not null => state with { AnsweredOn = e.AnsweredOn },
        ComplaintAnswerOverdue when state is not null => state with { Overdue = true },
        _ => state,
    };

    public static ComplaintLodged Lodge(Complaint? existing, ComplaintLodged lodged)
    {
        if (existing is not null) throw new InvalidTransition($"Complaint '{lodged.ComplaintId}' is already lodged");
        return lodged;
    }

    public ComplaintDecided Decide(bool justified, string reason, DateOnly on)
    {
        if (Justified is not null) throw new InvalidTransition($"Complaint '{ComplaintId}' is already decided");
        if (on < LodgedOn) throw new DomainRuleViolation("decidedOn", "must not be before the complaint was lodged");
        return new ComplaintDecided(ComplaintId, justified, reason.Trim(), on);
    }

    public ComplaintAnswered Answer(DateOnly on)
    {
        if (AnsweredOn is not null) throw new InvalidTransition($"Complaint '{ComplaintId}' is already answered");
        if (on < LodgedOn) throw new DomainRuleViolation("answeredOn", "must not be before the complaint was lodged");
        return new ComplaintAnswered(ComplaintId, on);
    }

    /// <summary>Null when the complaint is answered, already flagged, or still within its deadline on <paramref name="today"/>.</summary>
    public ComplaintAnswerOverdue? CheckOverdue(DateOnly today) =>
        !Overdue && PastDeadline(AnsweredOn, AnswerDue, today) ? new ComplaintAnswerOverdue(ComplaintId, AnswerDue, today) : null;

    /// <summary>Unanswered after its statutory deadline: what the deadline job records, and what a page marks before it runs.</summary>
    public static bool PastDeadline(DateOnly? answeredOn, DateOnly answerDue, DateOnly today) => answeredOn is null && today > answerDue;
}

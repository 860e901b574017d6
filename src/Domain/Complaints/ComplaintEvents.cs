namespace Monitoring.Domain.Complaints;

// Events of a complaint (жалоба) about a public service. Stream key: Complaint.StreamKey(id).

/// <summary>A complaint lodged with a body; its statutory answer deadline is fixed when it is lodged.</summary>
public sealed record ComplaintLodged(
    string ComplaintId, string BodyCode, string? ServiceCode, Channel Channel, DateOnly LodgedOn, DateOnly AnswerDue, string Summary);

/// <summary>The complaint was found justified (обоснованная) or not, with the reason.</summary>
public sealed record ComplaintDecided(string ComplaintId, bool Justified, string Reason, DateOnly DecidedOn);

public sealed record ComplaintAnswered(string ComplaintId, DateOnly AnsweredOn);

/// <summary>Recorded by the deadline job: the complaint was not answered by its statutory deadline.</summary>
public sealed record ComplaintAnswerOverdue(string ComplaintId, DateOnly AnswerDue, DateOnly DetectedOn);

namespace Monitoring.Application.Complaints;

/// <summary>Configuration section <c>Monitoring:Complaints</c>.</summary>
public sealed class ComplaintSettings
{
    public const string Section = "Monitoring:Complaints";

    /// <summary>The statutory answer deadline in calendar days after lodging; fixed on each complaint when it is lodged.</summary>
    public int AnswerDeadlineDays { get; set; } = 15;
}

using Monitoring.Domain.Surveys.Statistics;

namespace Monitoring.Domain.Surveys;

/// <summary>
/// A share of those asked a question (yes of asked), and its 95 % Wilson interval. Null where nobody was asked, and where
/// more said yes than were asked: counts of an earlier layout not upgraded yet, read as not known rather than wrong.
/// </summary>
public static class AskedShare
{
    public static decimal? Of(long yes, long asked) => asked == 0 || yes > asked ? null : (decimal)yes / asked;

    public static ConfidenceInterval? Interval(long yes, long asked) => yes > asked ? null : ConfidenceInterval.Wilson(yes, asked);
}

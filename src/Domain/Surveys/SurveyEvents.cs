using Monitoring.Domain.Catalogue;

namespace Monitoring.Domain.Surveys;

/// <summary>A survey campaign (волна опроса) was opened. Stream: <c>campaign:{code}</c>.</summary>
public sealed record SurveyCampaignOpened(
    string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int SmallSampleThreshold, IReadOnlyList<Criterion> Criteria, IReadOnlyList<string> Services);

/// <summary>Contact-list figures of a campaign (seed 000: 577 contacts, 378 surveyed, 199 refused).</summary>
public sealed record ContactListFiguresRecorded(string CampaignCode, long Contacts, long Reached, long Refused);

/// <summary>
/// One respondent's answers, recorded alone (stream <c>response:{campaign}:{id}</c>); imported answers travel inside
/// <see cref="SurveyResponsesImported"/>. No two answers share a stream, so many arrive at once without a hot stream.
/// Scores are 1..scale; null means "hard to answer"; a criterion not asked is absent.
/// </summary>
public sealed record SurveyResponseRecorded(
    string ResponseId, string CampaignCode, int Period, string ServiceCode, string BodyCode, string? UnitCode, string RegionCode,
    IReadOnlyList<Channel> Channels, int? Overall, IReadOnlyDictionary<Criterion, int?> CriterionScores,
    bool MetStaff, ComplaintMade Complaint, bool? SatisfiedWithComplaintOutcome, bool? InformalPayment,
    bool? UsedConnections, ConnectionsInitiator? ConnectionsInitiatedBy, bool? ExtraDocumentsDemanded,
    int? MinutesQueuedToSubmit, int? MinutesQueuedToCollect, bool? AvailableOnline, Gender? Gender, AgeBand? AgeBand,
    SurveySource Source, string? SourceReference);

/// <summary>
/// The answers of one batch of an imported file (rows in file order), recorded as one fact so that a million answers
/// are a thousand appends, not a million. Stream: <c>import:{campaign}:{file hash}:{batch}</c>; each answer keeps its
/// own response id and its file line in <see cref="SurveyResponseRecorded.SourceReference"/>.
/// </summary>
public sealed record SurveyResponsesImported(string CampaignCode, string FileHash, int Batch, IReadOnlyList<SurveyResponseRecorded> Responses);

/// <summary>
/// A distribution transcribed from a published report (historical data, marked as such): counts per score for a
/// service, optionally split by channel, region or criterion, with what the report itself stated and the warnings
/// the cross-checks raised. Stream: <c>published:{campaign}:{service}</c>.
/// </summary>
public sealed record PublishedDistributionImported(
    string CampaignCode, int Period, string ServiceCode, string BodyCode, DistributionSplit Split, long[] Counts, long HardToAnswer,
    long? StatedN, decimal? StatedMean, decimal? StatedTopBoxPercent, string Table, IReadOnlyList<string> Warnings);

/// <summary>What part of a service's respondents a published distribution covers.</summary>
public sealed record DistributionSplit(SplitKind Kind, string? Value)
{
    public static readonly DistributionSplit Overall = new(SplitKind.Overall, null);
}

public enum SplitKind { Overall, Channel, Region, Criterion }

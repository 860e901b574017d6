namespace Monitoring.Domain.Surveys;

/// <summary>A questionnaire was published for campaigns to name. Stream: <c>instrument:{code}</c>.</summary>
public sealed record SurveyInstrumentPublished(SurveyInstrument Instrument);

/// <summary>
/// A survey campaign (волна опроса) was opened. Stream: <c>campaign:{code}</c>. The instrument is copied in whole, so the
/// campaign's questionnaire is frozen with it; <see cref="Criteria"/> and <see cref="Questions"/> are the part of it asked.
/// Campaigns opened before instruments were data carry neither instrument nor questions: they asked the Kazakh national one.
/// </summary>
public sealed record SurveyCampaignOpened(
    string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int SmallSampleThreshold, IReadOnlyList<string> Criteria, IReadOnlyList<string> Services,
    SurveyInstrument? Instrument = null, IReadOnlyList<Question>? Questions = null)
{
    // Derived on read, never stored: the event keeps the instrument once.
    [System.Text.Json.Serialization.JsonIgnore]
    public SurveyInstrument AskedInstrument => Instrument ?? Instruments.KzNational;

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Question> AskedQuestions => Questions ?? AskedInstrument.Questions;
}

/// <summary>Contact-list figures of a campaign (the Petropavlovsk 2019 city survey report: 577 contacts, 378 surveyed, 199 refused).</summary>
public sealed record ContactListFiguresRecorded(string CampaignCode, long Contacts, long Reached, long Refused);

/// <summary>
/// One respondent's answers, recorded alone (stream <c>response:{campaign}:{id}</c>); imported answers travel inside
/// <see cref="SurveyResponsesImported"/>. No two answers share a stream, so many arrive at once without a hot stream.
/// Scores are 1..scale; null means "hard to answer"; a criterion not asked is absent (keys are the instrument's criterion
/// codes); a question not asked is null. <see cref="Comment"/> is the respondent's own words (a verbatim), null when none
/// was written; it comes last with a default so that answers recorded before comments existed read as they were.
/// </summary>
public sealed record SurveyResponseRecorded(
    string ResponseId, string CampaignCode, int Period, string ServiceCode, string BodyCode, string? UnitCode, string RegionCode,
    IReadOnlyList<Channel> Channels, int? Overall, IReadOnlyDictionary<string, int?> CriterionScores,
    bool MetStaff, ComplaintMade? Complaint, bool? SatisfiedWithComplaintOutcome, bool? InformalPayment,
    bool? UsedConnections, ConnectionsInitiator? ConnectionsInitiatedBy, bool? ExtraDocumentsDemanded,
    int? MinutesQueuedToSubmit, int? MinutesQueuedToCollect, bool? AvailableOnline, Gender? Gender, AgeBand? AgeBand,
    SurveySource Source, string? SourceReference, string? Comment = null);

/// <summary>
/// The answers of one batch of an imported file (rows in file order), recorded as one fact so that a million answers
/// are a thousand appends, not a million. Stream: <c>import:{campaign}:{file hash}:{batch}</c>. What all rows share
/// (campaign, period, file) is said once here; each answer keeps its own response id and file line.
/// </summary>
public sealed record SurveyResponsesImported(string CampaignCode, int Period, string FileHash, int Batch, IReadOnlyList<ImportedAnswer> Answers)
{
    /// <summary>The answer in the same shape as one recorded alone.</summary>
    public SurveyResponseRecorded Recorded(ImportedAnswer a) =>
        new(a.ResponseId, CampaignCode, Period, a.ServiceCode, a.BodyCode, a.UnitCode, a.RegionCode, a.Channels, a.Overall, a.CriterionScores,
            a.MetStaff, a.Complaint, a.SatisfiedWithComplaintOutcome, a.InformalPayment, a.UsedConnections, a.ConnectionsInitiatedBy,
            a.ExtraDocumentsDemanded, a.MinutesQueuedToSubmit, a.MinutesQueuedToCollect, a.AvailableOnline, a.Gender, a.AgeBand,
            SurveySource.FileImport, $"{FileHash}:{a.Line}", a.Comment);
}

/// <summary>One row of an imported batch: a respondent's answers and the file line they came from.</summary>
public sealed record ImportedAnswer(
    string ResponseId, int Line, string ServiceCode, string BodyCode, string? UnitCode, string RegionCode,
    IReadOnlyList<Channel> Channels, int? Overall, IReadOnlyDictionary<string, int?> CriterionScores,
    bool MetStaff, ComplaintMade? Complaint, bool? SatisfiedWithComplaintOutcome, bool? InformalPayment,
    bool? UsedConnections, ConnectionsInitiator? ConnectionsInitiatedBy, bool? ExtraDocumentsDemanded,
    int? MinutesQueuedToSubmit, int? MinutesQueuedToCollect, bool? AvailableOnline, Gender? Gender, AgeBand? AgeBand, string? Comment = null)
{
    public static ImportedAnswer From(SurveyResponseRecorded r, int line) =>
        new(r.ResponseId, line, r.ServiceCode, r.BodyCode, r.UnitCode, r.RegionCode, r.Channels, r.Overall, r.CriterionScores, r.MetStaff,
            r.Complaint, r.SatisfiedWithComplaintOutcome, r.InformalPayment, r.UsedConnections, r.ConnectionsInitiatedBy,
            r.ExtraDocumentsDemanded, r.MinutesQueuedToSubmit, r.MinutesQueuedToCollect, r.AvailableOnline, r.Gender, r.AgeBand, r.Comment);
}

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

/// <summary>
/// A dictionary of comment themes was published (stream <see cref="CommentThemes.StreamKey"/>): each publication is a new
/// version of the one stream, and the latest applies to every campaign's comments, past and future.
/// </summary>
public sealed record CommentThemesPublished(CommentThemes Themes);

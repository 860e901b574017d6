namespace Monitoring.Application.Surveys;

/// <summary>
/// One respondent's answers as sent over HTTP or read from a CSV/JSON-lines row. <see cref="Overall"/> null means
/// "hard to answer"; a criterion absent from <see cref="CriterionScores"/> was not asked, a criterion with null was
/// answered "hard to answer"; criteria are named by the codes of the campaign's instrument. A question
/// left out (null) was not asked or not answered: it counts in no share. <see cref="Comment"/> is the respondent's free text
/// (line breaks kept; blank is none). <see cref="BodyCode"/> defaults to the service passport's owner.
/// </summary>
public sealed record SurveyResponseInput(
    string ResponseId, string ServiceCode, string? BodyCode, string? UnitCode, string RegionCode, IReadOnlyList<Channel> Channels,
    int? Overall, IReadOnlyDictionary<string, int?>? CriterionScores = null, bool MetStaff = false,
    ComplaintMade? Complaint = null, bool? SatisfiedWithComplaintOutcome = null, bool? InformalPayment = null,
    bool? UsedConnections = null, ConnectionsInitiator? ConnectionsInitiatedBy = null, bool? ExtraDocumentsDemanded = null,
    int? MinutesQueuedToSubmit = null, int? MinutesQueuedToCollect = null, bool? AvailableOnline = null, Gender? Gender = null,
    AgeBand? AgeBand = null, string? Comment = null)
{
    public SurveyResponseRecorded ToEvent(SurveyCampaign campaign, ServicePassport? passport, SurveySource source, string? sourceReference) =>
        new(ResponseId?.Trim() ?? "", campaign.Code, campaign.Period, ServiceCode, BodyCode ?? passport?.BodyCode ?? "", UnitCode,
            RegionCode, Channels ?? [], Overall, campaign.Canonical(CriterionScores ?? new Dictionary<string, int?>()), MetStaff, Complaint,
            SatisfiedWithComplaintOutcome, InformalPayment, UsedConnections, ConnectionsInitiatedBy, ExtraDocumentsDemanded,
            MinutesQueuedToSubmit, MinutesQueuedToCollect, AvailableOnline, Gender, AgeBand, source, sourceReference,
            Comments.Normalise(Comment));
}

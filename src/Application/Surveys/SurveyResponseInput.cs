namespace Monitoring.Application.Surveys;

/// <summary>
/// One respondent's answers as sent over HTTP or read from a CSV/JSON-lines row. <see cref="Overall"/> null means
/// "hard to answer"; a criterion absent from <see cref="CriterionScores"/> was not asked, a criterion with null was
/// answered "hard to answer". <see cref="BodyCode"/> defaults to the service passport's owner.
/// </summary>
public sealed record SurveyResponseInput(
    string ResponseId, string ServiceCode, string? BodyCode, string? UnitCode, string RegionCode, IReadOnlyList<Channel> Channels,
    int? Overall, IReadOnlyDictionary<Criterion, int?>? CriterionScores = null, bool MetStaff = false,
    ComplaintMade Complaint = ComplaintMade.No, bool? SatisfiedWithComplaintOutcome = null, bool? InformalPayment = null,
    bool? UsedConnections = null, ConnectionsInitiator? ConnectionsInitiatedBy = null, bool? ExtraDocumentsDemanded = null,
    int? MinutesQueuedToSubmit = null, int? MinutesQueuedToCollect = null, bool? AvailableOnline = null, Gender? Gender = null,
    AgeBand? AgeBand = null)
{
    public SurveyResponseRecorded ToEvent(SurveyCampaign campaign, ServicePassport? passport, SurveySource source, string? sourceReference) =>
        new(ResponseId?.Trim() ?? "", campaign.Code, campaign.Period, ServiceCode, BodyCode ?? passport?.BodyCode ?? "", UnitCode,
            RegionCode, Channels ?? [], Overall, CriterionScores ?? new Dictionary<Criterion, int?>(), MetStaff, Complaint,
            SatisfiedWithComplaintOutcome, InformalPayment, UsedConnections, ConnectionsInitiatedBy, ExtraDocumentsDemanded,
            MinutesQueuedToSubmit, MinutesQueuedToCollect, AvailableOnline, Gender, AgeBand, source, sourceReference);
}

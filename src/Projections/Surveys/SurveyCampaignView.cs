namespace Monitoring.Projections.Surveys;

/// <summary>Read model of a survey campaign: its methodology choices and contact figures (inline).</summary>
public sealed record SurveyCampaignView(
    string Id, string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int SmallSampleThreshold, IReadOnlyList<Criterion> Criteria, IReadOnlyList<string> Services, ContactFigures? Contacts, Provenance? OpenedBy,
    long Version);

/// <summary>Contact list figures and the response rate (the Petropavlovsk 2019 city survey report: 378 of 577 = 65.5 %).</summary>
public sealed record ContactFigures(long Contacts, long Reached, long Refused, decimal ResponseRate, Provenance RecordedBy);

public sealed class SurveyCampaignViewProjection : SingleStreamProjection<SurveyCampaignView, string>
{
    public override SurveyCampaignView? Evolve(SurveyCampaignView? snapshot, string id, IEvent e) => e.Data switch
    {
        SurveyCampaignOpened o => new SurveyCampaignView(id, o.Code, o.Title, o.Period, o.Kind, o.Scale, o.RankingRule, o.Methodology,
            o.SmallSampleThreshold, o.Criteria, o.Services, null, Provenance.Of(e), e.Version),
        ContactListFiguresRecorded c when snapshot is not null => snapshot with
        {
            Contacts = new ContactFigures(c.Contacts, c.Reached, c.Refused, CityVariants.ResponseRate(c.Reached, c.Contacts), Provenance.Of(e)),
            Version = e.Version,
        },
        _ => snapshot,
    };
}

using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Common;

namespace Monitoring.Projections.Surveys;

/// <summary>Read model of a survey campaign: its methodology choices and contact figures (inline).</summary>
public sealed class SurveyCampaignView
{
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Period { get; set; }
    public SurveyKind Kind { get; set; }
    public int Scale { get; set; }
    public RankingRule RankingRule { get; set; }
    public string Methodology { get; set; } = "";
    public int SmallSampleThreshold { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
    public List<string> Services { get; set; } = [];
    public ContactFigures? Contacts { get; set; }
    public Provenance? OpenedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>Contact list figures and the response rate (the Petropavlovsk 2019 city survey report: 378 of 577 = 65.5 %).</summary>
public sealed record ContactFigures(long Contacts, long Reached, long Refused, decimal ResponseRate, Provenance RecordedBy);

public sealed class SurveyCampaignViewProjection : SingleStreamProjection<SurveyCampaignView, string>
{
    public override SurveyCampaignView? Evolve(SurveyCampaignView? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case SurveyCampaignOpened o:
                snapshot = new SurveyCampaignView
                {
                    Id = id, Code = o.Code, Title = o.Title, Period = o.Period, Kind = o.Kind, Scale = o.Scale,
                    RankingRule = o.RankingRule, Methodology = o.Methodology, SmallSampleThreshold = o.SmallSampleThreshold,
                    Criteria = o.Criteria.ToList(), Services = o.Services.ToList(), OpenedBy = Provenance.Of(e),
                };
                break;
            case ContactListFiguresRecorded c when snapshot is not null:
                snapshot.Contacts = new ContactFigures(c.Contacts, c.Reached, c.Refused, CityVariants.ResponseRate(c.Reached, c.Contacts), Provenance.Of(e));
                break;
            default:
                return snapshot;
        }
        snapshot.Version = e.Version;
        return snapshot;
    }
}

public sealed class SurveyCampaignAggregation : SingleStreamProjection<SurveyCampaign, string>
{
    public override SurveyCampaign? Evolve(SurveyCampaign? snapshot, string id, IEvent e) => SurveyCampaign.Evolve(snapshot, e.Data);
}

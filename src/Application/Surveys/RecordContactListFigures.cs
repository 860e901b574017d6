namespace Monitoring.Application.Surveys;

/// <summary>Record the contact list of a campaign: contacts, reached (surveyed), refused → response rate.</summary>
public sealed record RecordContactListFigures(string CampaignCode, long Contacts, long Reached, long Refused)
{
    [JasperFx.Identity, System.Text.Json.Serialization.JsonIgnore]
    public string StreamKey => SurveyCampaign.StreamKey(CampaignCode);
}

public sealed class RecordContactListFiguresValidator : AbstractValidator<RecordContactListFigures>
{
    public RecordContactListFiguresValidator()
    {
        RuleFor(x => x.Contacts).GreaterThan(0);
        RuleFor(x => x.Reached).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Refused).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Reached).Must((c, reached) => reached + c.Refused <= c.Contacts)
            .WithMessage("reached + refused must not exceed the contacts");
    }
}

public static class RecordContactListFiguresHandler
{
    public static (CommandResult, Events) Handle(RecordContactListFigures c, [WriteAggregate] SurveyCampaign campaign) =>
        Decision.Of(c.CampaignCode, campaign, new ContactListFiguresRecorded(c.CampaignCode, c.Contacts, c.Reached, c.Refused));
}

namespace Monitoring.Projections.Surveys;

/// <summary>Read model of a survey campaign: its methodology choices, its questionnaire and contact figures (inline).</summary>
public sealed record SurveyCampaignView(
    string Id, string Code, string Title, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, string Methodology,
    int SmallSampleThreshold, IReadOnlyList<string> Criteria, IReadOnlyList<string> Services, ContactFigures? Contacts, Provenance? OpenedBy,
    long Version, SurveyInstrument? Instrument = null, IReadOnlyList<Question>? Questions = null)
{
    /// <summary>The questionnaire asked: a view written before instruments were data has none, and asked the Kazakh national one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SurveyInstrument AskedInstrument => Instrument ?? Instruments.KzNational;

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Question> AskedQuestions => Questions ?? AskedInstrument.Questions;

    /// <summary>The campaign as the write side checks answers against it.</summary>
    public SurveyCampaign ToDomain() =>
        new(Code, Period, Kind, Scale, RankingRule, Methodology, SmallSampleThreshold, Criteria, Services, AskedInstrument, AskedQuestions);
}

/// <summary>
/// Contact list figures (the Petropavlovsk 2019 city survey report: 577 contacts, 378 surveyed, 199 refused): the response
/// and refusal rates as exact shares and as percentages rounded for presentation.
/// </summary>
public sealed record ContactFigures(long Contacts, long Reached, long Refused, decimal ResponseShare, decimal RefusalShare, Provenance RecordedBy)
{
    public decimal ResponsePercent => Presentation.Percent(ResponseShare);
    public decimal RefusalPercent => Presentation.Percent(RefusalShare);
}

/// <summary>A published questionnaire (inline).</summary>
public sealed record SurveyInstrumentView(string Id, SurveyInstrument Instrument, Provenance PublishedBy)
{
    /// <summary>An instrument by its code: a built-in one, or one published (null: neither).</summary>
    public static async Task<SurveyInstrument?> FindAsync(IQuerySession session, string code, CancellationToken ct) =>
        Instruments.BuiltInOf(code) ?? (await session.LoadAsync<SurveyInstrumentView>(SurveyInstrument.StreamKey(code), ct))?.Instrument;
}

public sealed class SurveyCampaignViewProjection : SingleStreamProjection<SurveyCampaignView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public SurveyCampaignViewProjection()
    {
        IncludeType<SurveyCampaignOpened>();
        IncludeType<ContactListFiguresRecorded>();
    }

    public override SurveyCampaignView? Evolve(SurveyCampaignView? snapshot, string id, IEvent e) => e.Data switch
    {
        SurveyCampaignOpened o => new SurveyCampaignView(id, o.Code, o.Title, o.Period, o.Kind, o.Scale, o.RankingRule, o.Methodology,
            o.SmallSampleThreshold, o.Criteria, o.Services, null, Provenance.Of(e), e.Version, o.AskedInstrument, o.AskedQuestions),
        ContactListFiguresRecorded c when snapshot is not null => snapshot with
        {
            Contacts = new ContactFigures(c.Contacts, c.Reached, c.Refused, CityVariants.ResponseRate(c.Reached, c.Contacts),
                CityVariants.ResponseRate(c.Refused, c.Contacts), Provenance.Of(e)),
            Version = e.Version,
        },
        _ => snapshot,
    };
}

public sealed class SurveyInstrumentViewProjection : SingleStreamProjection<SurveyInstrumentView, string>
{
    // Its events only: a projection taking every event loads its document for any stream appended to (a query each).
    public SurveyInstrumentViewProjection()
    {
        IncludeType<SurveyInstrumentPublished>();
    }

    public override SurveyInstrumentView? Evolve(SurveyInstrumentView? snapshot, string id, IEvent e) =>
        e.Data is SurveyInstrumentPublished p ? new SurveyInstrumentView(id, p.Instrument, Provenance.Of(e)) : snapshot;
}

namespace Monitoring.Domain.Surveys;

/// <summary>A text in the three working languages: Russian first (always given), Kazakh and English where known.</summary>
public sealed record LocalizedText(string Ru, string? Kk = null, string? En = null);

/// <summary>When a criterion is put to a respondent.</summary>
public enum AskedWhen
{
    /// <summary>Every respondent.</summary>
    Always,
    /// <summary>Only a respondent who dealt with staff (the staff criteria of the national method).</summary>
    MetStaff,
    /// <summary>Only about a paid service (the fee criterion).</summary>
    PaidService,
}

/// <summary>
/// A rated criterion of a questionnaire. <see cref="Code"/> is how answers, files and figures name it (CSV columns take
/// it in snake_case); <see cref="CountsTowardSum"/> says whether the criteria-sum score of city surveys adds it.
/// </summary>
public sealed record CriterionDefinition(string Code, LocalizedText Name, AskedWhen AskedWhen = AskedWhen.Always, bool CountsTowardSum = true);

/// <summary>The optional questions the system knows how to count (each is a field of an answer).</summary>
public enum Question
{
    /// <summary>Whether the respondent dealt with staff (opens the staff criteria).</summary>
    MetStaff,
    /// <summary>Complaint made (no / oral / written).</summary>
    Complaint,
    /// <summary>Satisfied with how a complaint was handled (asked only of those who complained).</summary>
    ComplaintOutcome,
    /// <summary>Informal payment (неформальные платежи).</summary>
    InformalPayment,
    /// <summary>Personal connections used, and who initiated it.</summary>
    Connections,
    /// <summary>Documents demanded beyond the standard.</summary>
    ExtraDocuments,
    /// <summary>Minutes queued to submit.</summary>
    QueueToSubmit,
    /// <summary>Minutes queued to collect the result.</summary>
    QueueToCollect,
    /// <summary>Whether the respondent knew the service is available online.</summary>
    AvailableOnline,
    Gender,
    AgeBand,
    /// <summary>A free-text comment (verbatim), up to <see cref="Comments.MaxLength"/> characters.</summary>
    Comment,
}

/// <summary>
/// A questionnaire (инструмент опроса) as data: its rated criteria, the optional questions it asks, and which criterion
/// is the trust criterion (the distrust component of the social-concern index). Answers are on a 1..5 scale with
/// "hard to answer" (the score counts every read model keeps). Published once and never changed: a new wording is a new code.
/// </summary>
public sealed record SurveyInstrument(
    string Code, LocalizedText Title, IReadOnlyList<CriterionDefinition> Criteria, IReadOnlyList<Question> Questions, string? TrustCriterion)
{
    /// <summary>The scale every instrument rates on (the read models count scores 1..5).</summary>
    public const int Scale = 5;

    public const int MaxCriteria = 50;

    public static string StreamKey(string code) => $"instrument:{code}";

    public CriterionDefinition? Criterion(string code) => Criteria.FirstOrDefault(c => c.Code == code);

    /// <summary>The criterion codes, in the instrument's order.</summary>
    public IEnumerable<string> Codes => Criteria.Select(c => c.Code);

    /// <summary>Every problem of a definition as (field, reason): codes unique and well formed, names given, the trust criterion one of them.</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Criteria.Count is 0 or > MaxCriteria) problems.Add(("criteria", $"must define 1..{MaxCriteria} criteria"));
        var seen = new HashSet<string>();
        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            if (!CriterionCodes.IsWellFormed(c.Code)) problems.Add(($"criteria[{i}].code", CriterionCodes.Rule));
            else if (!seen.Add(CriterionCodes.Column(c.Code)))
                problems.Add(($"criteria[{i}].code", $"'{c.Code}' is defined twice (its CSV column {CriterionCodes.Column(c.Code)} is taken)"));
            if (string.IsNullOrWhiteSpace(c.Name.Ru)) problems.Add(($"criteria[{i}].name.ru", "must give the Russian name"));
        }
        if (Questions.Distinct().Count() != Questions.Count) problems.Add(("questions", "must not repeat a question"));
        if (Questions.Contains(Question.ComplaintOutcome) && !Questions.Contains(Question.Complaint))
            problems.Add(("questions", "ComplaintOutcome is asked only of those who complained: ask Complaint too"));
        if (Criteria.Any(c => c.AskedWhen == AskedWhen.MetStaff) && !Questions.Contains(Question.MetStaff))
            problems.Add(("questions", "a criterion asked only of those who met staff needs the MetStaff question"));
        if (TrustCriterion is not null && Criterion(TrustCriterion) is null)
            problems.Add(("trustCriterion", $"'{TrustCriterion}' is not one of the instrument's criteria"));
        return problems;
    }
}

/// <summary>How a criterion code is written: it becomes a JSON key, a CSV column and a row key of the figures.</summary>
public static class CriterionCodes
{
    public const string Rule = "must be 1–40 letters, digits or '_', starting with a letter";

    public static bool IsWellFormed(string? code) =>
        code is { Length: > 0 and <= 40 } && char.IsAsciiLetter(code[0]) && code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');

    /// <summary>The CSV column of a criterion: its code in snake_case ("StaffCompetence" → "staff_competence", "c01" → "c01").</summary>
    public static string Column(string code) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code);
}

/// <summary>The instruments the system ships with.</summary>
public static class Instruments
{
    /// <summary>
    /// The questionnaire of Kazakhstan's national public monitoring (the 2017 and 2018 national reports): nine criteria,
    /// the staff criteria asked only of those who dealt with staff, the fee criterion only of paid services, and the
    /// integrity and queue questions. Its criterion codes are the names answers have always used, so recorded answers
    /// keep their meaning.
    /// </summary>
    public static readonly SurveyInstrument KzNational = new("KZ-NATIONAL",
        new("Общественный мониторинг качества оказания государственных услуг (Казахстан)",
            "Мемлекеттік қызметтер көрсету сапасына қоғамдық мониторинг (Қазақстан)",
            "Public monitoring of the quality of public services (Kazakhstan)"),
        [
            new("Trust", new("Доверие к услугодателю", "Қызмет берушіге сенім", "Trust in the provider")),
            new("StaffCompetence", new("Компетентность сотрудников", "Қызметкерлердің құзыреттілігі", "Staff competence"), AskedWhen.MetStaff),
            new("StaffPromptness", new("Оперативность сотрудников", "Қызметкерлердің жеделдігі", "Staff promptness"), AskedWhen.MetStaff),
            new("Politeness", new("Вежливость и профессиональная этика", "Сыпайылық және кәсіби әдеп", "Politeness and professional ethics"),
                AskedWhen.MetStaff),
            new("InformationAccessibility", new("Доступность и открытость информации", "Ақпараттың қолжетімділігі мен ашықтығы",
                "Accessible and open information")),
            new("InformationClarity", new("Понятность и достоверность информации", "Ақпараттың түсініктілігі мен анықтығы",
                "Clear and reliable information")),
            new("Deadlines", new("Сроки оказания услуги", "Қызмет көрсету мерзімдері", "Delivery time")),
            new("SimpleProcess", new("Простота и понятность процесса сбора и подачи документов",
                "Құжаттарды жинау және тапсыру процесінің қарапайымдылығы мен түсініктілігі", "Simple and clear submission of documents")),
            new("FeeProportionality", new("Соразмерность оплаты", "Төлемнің мөлшерлестігі", "Fee proportionality"), AskedWhen.PaidService),
        ],
        Enum.GetValues<Question>(), "Trust");

    public static readonly IReadOnlyList<SurveyInstrument> BuiltIn = [KzNational];

    public static SurveyInstrument? BuiltInOf(string code) => BuiltIn.FirstOrDefault(i => i.Code == code);
}

/// <summary>Write-side state of a published instrument: it exists, and never changes.</summary>
public sealed record PublishedInstrument(string Code, SurveyInstrument Instrument) : IVersioned
{
    public long Version { get; set; }
    public string Id => SurveyInstrument.StreamKey(Code);

    public static PublishedInstrument? Evolve(PublishedInstrument? state, object @event) =>
        @event is SurveyInstrumentPublished e ? new PublishedInstrument(e.Instrument.Code, e.Instrument) : state;

    public static SurveyInstrumentPublished Publish(PublishedInstrument? existing, SurveyInstrument instrument)
    {
        if (existing is not null || Instruments.BuiltInOf(instrument.Code) is not null)
            throw new InvalidTransition($"Instrument '{instrument.Code}' is already published: a new wording is a new code");
        if (instrument.Problems() is { Count: > 0 } problems) throw new DomainRuleViolation(problems);
        return new SurveyInstrumentPublished(instrument);
    }
}

namespace Monitoring.Domain.Surveys;

/// <summary>The nine criteria of the national method (критерии оценки).</summary>
public enum Criterion
{
    /// <summary>Доверие к услугодателю.</summary>
    Trust,
    /// <summary>Компетентность сотрудников (staff criterion).</summary>
    StaffCompetence,
    /// <summary>Оперативность сотрудников (staff criterion).</summary>
    StaffPromptness,
    /// <summary>Вежливость и профессиональная этика (staff criterion).</summary>
    Politeness,
    /// <summary>Доступность и открытость информации.</summary>
    InformationAccessibility,
    /// <summary>Понятность и достоверность информации.</summary>
    InformationClarity,
    /// <summary>Сроки оказания услуги.</summary>
    Deadlines,
    /// <summary>Простота и понятность процесса сбора и подачи документов.</summary>
    SimpleProcess,
    /// <summary>Соразмерность оплаты (paid services only).</summary>
    FeeProportionality,
}

public enum SurveyKind { NationalPublicMonitoring, CitySurvey, OnlineSurvey, ReviewSiteImport }

public enum ComplaintMade { No, Oral, Written }

/// <summary>Who initiated the use of personal connections (использование личных связей).</summary>
public enum ConnectionsInitiator { Respondent, Staff, ThirdParty }

public enum Gender { Female, Male }

public enum AgeBand { From18To29, From30To44, From45To59, From60 }

/// <summary>Where a survey fact came from.</summary>
public enum SurveySource
{
    /// <summary>A single answer sent over the API.</summary>
    Interview,
    /// <summary>A row of an imported file of answers.</summary>
    FileImport,
    /// <summary>A distribution transcribed from a published report (historical data).</summary>
    PublishedReport,
}

public static class Criteria
{
    public static readonly Criterion[] Staff = [Criterion.StaffCompetence, Criterion.StaffPromptness, Criterion.Politeness];

    public static readonly Criterion[] National = Enum.GetValues<Criterion>();
}

namespace Monitoring.Domain.Surveys;

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

namespace Monitoring.Api.Auth;

/// <summary>The roles of the people who use the system.</summary>
public static class Roles
{
    /// <summary>Control staff who record inspections and violations (инспектор).</summary>
    public const string Inspector = "inspector";
    /// <summary>A state body's data officer who submits its reports (ответственный за данные госоргана).</summary>
    public const string Steward = "steward";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    /// <summary>Publishes methodology versions and assessment decisions (оценщик).</summary>
    public const string Assessor = "assessor";
    public const string Admin = "admin";

    public static readonly string[] All = [Inspector, Steward, Analyst, Auditor, Assessor, Admin];
}

/// <summary>Authorization policies; every endpoint names one.</summary>
public static class Policies
{
    /// <summary>Any signed-in user of any role.</summary>
    public const string Read = "read";
    /// <summary>Maintaining the register of bodies and services.</summary>
    public const string CatalogueWrite = "catalogue:write";
    /// <summary>Recording inspections and the violations they find (the agency's inspectors only).</summary>
    public const string InspectionWrite = "inspection:write";
    /// <summary>A body's own reports and complaints: its data steward, or an admin.</summary>
    public const string ReportWrite = "report:write";
    /// <summary>Publishing methodology versions and assessment decisions.</summary>
    public const string Assess = "assess";
    /// <summary>Recording survey campaigns, answers and imports (the monitoring agency's analysts).</summary>
    public const string SurveyWrite = "survey:write";
    /// <summary>Reading raw events and their metadata.</summary>
    public const string Audit = "audit";
    /// <summary>Verifying the whole journal (a full scan) and signing digests: the auditors (and admins who operate it).</summary>
    public const string Verify = "journal:verify";
    public const string Admin = "admin";

    /// <summary>The roles each policy admits: the one table the API's policies and the pages' (<c>WebPolicies</c>) are made from.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Admits = new Dictionary<string, string[]>
    {
        [Read] = Roles.All,
        [CatalogueWrite] = [Roles.Admin],
        [InspectionWrite] = [Roles.Inspector],
        [ReportWrite] = [Roles.Steward, Roles.Admin],
        [Assess] = [Roles.Assessor],
        [SurveyWrite] = [Roles.Analyst, Roles.Admin],
        [Audit] = [Roles.Auditor, Roles.Analyst, Roles.Assessor, Roles.Admin],
        [Verify] = [Roles.Auditor, Roles.Admin],
        [Admin] = [Roles.Admin],
    };
}

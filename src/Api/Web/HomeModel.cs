namespace Monitoring.Api.Web;

/// <summary>The home page: the sections of the signed-in person's roles (the layout's menu, as cards).</summary>
public sealed class HomeModel : WebPage
{
    public IReadOnlyList<(string Href, string Key)> Sections { get; private set; } = [];

    public void OnGet() => Sections = For(User);

    /// <summary>Which sections a person sees: each is offered only to the roles that may use it.</summary>
    public static IReadOnlyList<(string Href, string Key)> For(ClaimsPrincipal user)
    {
        bool Any(params string[] roles) => roles.Any(user.IsInRole);
        var sections = new List<(string, string)>();
        if (Any(Roles.Analyst, Roles.Auditor, Roles.Admin))
            sections.AddRange([("/surveys/ratings", "Nav_Ratings"), ("/surveys/slices", "Nav_Slices"), ("/surveys/trends", "Nav_Trends")]);
        sections.Add(("/assessments", "Nav_Assessments"));
        if (Any(Roles.Inspector, Roles.Auditor, Roles.Admin)) sections.Add(("/inspections", "Nav_Inspections"));
        if (Any(Roles.Steward, Roles.Admin)) sections.AddRange([("/complaints", "Nav_Complaints"), ("/deliveries", "Nav_Reports")]);
        if (Any(Roles.Steward)) sections.Add(("/assessments/measures", "Nav_Measures"));
        if (Any(Roles.Assessor, Roles.Auditor, Roles.Admin)) sections.Add(("/methodology", "Nav_Methodology"));
        // The import is the API's survey write (analysts and admins); the catalogue and the jobs are the admins'.
        if (user.Allows(WebPolicies.SurveyWrite)) sections.Add(("/surveys/imports", "Nav_Imports"));
        if (Any(Roles.Admin)) sections.AddRange([("/catalogue", "Nav_Catalogue"), ("/operations/jobs", "Nav_Jobs")]);
        return sections;
    }
}

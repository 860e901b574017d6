namespace Monitoring.Fuzzing;

/// <summary>
/// The records that exist before fuzzing starts (see <see cref="FuzzSeed"/>), so that plausible requests name real
/// bodies, services, campaigns, inspections, complaints and assessments and mutated ones get past "not found" into the
/// application's deeper checks. Destructive operations (retire, close, revoke) get records of their own so that a
/// plausible retirement does not retire what every other request names.
/// </summary>
public sealed record FuzzIds(
    string Body,
    string Service,
    string Campaign,
    string Inspection,
    string Violation,
    string ViolationToRevoke,
    string InspectionToClose,
    string ClosedInspection,
    string Recommendation,
    string Complaint,
    string Methodology,
    int Period,
    string Penalty,
    string BodyToRetire,
    string ServiceToRetire)
{
    /// <summary>A published methodology version (JSON), the template of a plausible new version: the generator cannot
    /// invent one whose maxima add up, and without it every plausible publication stops at the first sum check.</summary>
    public string? MethodologyVersionJson { get; init; }

    /// <summary>Plausible-looking ids that exist nowhere: used when nothing was seeded (the generator still works).</summary>
    public static FuzzIds Unseeded { get; } = new("FZB", "FZS", "FZC", "FZI", "v1", "v2", "FZI-C", "FZI-X", "r1", "FZK", "KZ-2017", 2019,
        "p1", "FZB-R", "FZS-R");

    /// <summary>The id a path parameter takes in a plausible request, by the route it belongs to.</summary>
    public string PathValue(string pathTemplate, string parameter)
    {
        var p = pathTemplate.ToLowerInvariant();
        return parameter.ToLowerInvariant() switch
        {
            "code" when p.StartsWith("/api/catalogue/bodies/") => p.EndsWith("/retire") ? BodyToRetire : Body,
            "code" when p.StartsWith("/api/catalogue/services/") => p.EndsWith("/retire") ? ServiceToRetire : Service,
            "code" when p.StartsWith("/api/surveys/campaigns/") => Campaign,
            "code" when p.StartsWith("/api/methodologies/") => Methodology,
            "id" when p.StartsWith("/api/inspections/") => p.EndsWith("/close") ? InspectionToClose
                : p.Contains("/recommendations/") ? ClosedInspection : Inspection,
            "id" when p.StartsWith("/api/complaints/") => Complaint,
            "violationid" => p.EndsWith("/revoke") ? ViolationToRevoke : Violation,
            "recommendationid" => Recommendation,
            "body" => Body,
            "period" => Period.ToString(),
            "penaltyid" => Penalty,
            _ => "FZ-" + parameter,
        };
    }
}

namespace Monitoring.Application.Assessments;

/// <summary>
/// A command on the assessment of a body for a period: Wolverine's aggregate handler workflow fetches the stream named
/// by <see cref="StreamKey"/> for writing.
/// </summary>
public abstract record AssessmentCommand(string BodyCode, int Period) : IBodyScoped
{
    [Identity, JsonIgnore]
    public string StreamKey => Assessment.StreamKey(BodyCode, Period);
}

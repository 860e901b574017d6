using Marten;
using Monitoring.Application.Auth;
using Monitoring.Application.Common;
using Monitoring.Domain.Assessments;

namespace Monitoring.Application.Assessments;

/// <summary>A command on the opened assessment of a body for a period, optionally at the version the caller saw.</summary>
public interface IAssessmentChange : IBodyScoped
{
    int Period { get; }
    long? ExpectedVersion { get; }
}

public static class AssessmentChanges
{
    /// <summary>A change the assessment decides; answered with <paramref name="id"/> (by default the assessment's, body/period).</summary>
    public static Task<CommandResult> ChangeAssessmentAsync(this IDocumentSession session, IAssessmentChange c, Func<Assessment, object> decide,
        CancellationToken ct, string? id = null) =>
        session.ChangeAsync(Assessment.StreamKey(c.BodyCode, c.Period), c.ExpectedVersion, "Assessment", id ?? $"{c.BodyCode}/{c.Period}", decide, ct);
}

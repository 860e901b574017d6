using Monitoring.Domain.InternalControl;

namespace Monitoring.Application.Deliveries;

/// <summary>Submit a body's internal-control report for a period.</summary>
[Post("/api/reports/internal-control", "Submit a body's internal-control report for a period",
    Created = "/api/reports/quality-violations?body={bodyCode}&period={period}", Problems = [409], Steward = true)]
public sealed record SubmitInternalControlReport(
    string Reference, string BodyCode, int Period, long ControlMeasures, long ViolationsFound, long OfficialsDisciplined,
    long DeadlineViolationsFound, IReadOnlyDictionary<ViolationType, long>? ViolationsByType) : IBodyScoped;

public sealed class SubmitInternalControlReportValidator : AbstractValidator<SubmitInternalControlReport>
{
    public SubmitInternalControlReportValidator()
    {
        RuleFor(x => x.Reference).NotEmpty().Matches(Inspections.InspectionRules.IdPattern);
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.ControlMeasures).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ViolationsFound).GreaterThanOrEqualTo(0);
        RuleFor(x => x.OfficialsDisciplined).GreaterThanOrEqualTo(0);
        RuleFor(x => x.DeadlineViolationsFound).GreaterThanOrEqualTo(0);
        RuleForEach(x => x.ViolationsByType).Must(kv => kv.Value >= 0).WithMessage("counts must not be negative");
    }
}

public static class SubmitInternalControlReportHandler
{
    public static async Task<CommandResult> Handle(SubmitInternalControlReport c, IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.RequireActiveBodyAsync(session, c.BodyCode, "bodyCode", ct);
        session.Events.StartStream($"internal-control:{c.BodyCode}:{c.Period}:{c.Reference}",
            new InternalControlReportSubmitted(c.Reference, c.BodyCode, c.Period, c.ControlMeasures, c.ViolationsFound, c.OfficialsDisciplined,
                c.DeadlineViolationsFound, c.ViolationsByType ?? new Dictionary<ViolationType, long>()));
        return new CommandResult(c.Reference, 1);
    }
}

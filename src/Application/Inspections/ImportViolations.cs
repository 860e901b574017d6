namespace Monitoring.Application.Inspections;

/// <summary>
/// Record an open inspection's findings at once (a file of them: <see cref="ViolationFile"/>), all or nothing: every
/// violation is checked as a single <see cref="RecordViolation"/> is, and all are appended in one transaction. A violation
/// already recorded with the same content is skipped, so the same file sent again (a retry after a lost answer, say)
/// records nothing new; the same id with other content is a 409.
/// </summary>
/// <param name="Lines">The file line of each violation, when they came from a file: errors name rows by it.</param>
public sealed record ImportViolations(string InspectionId, IReadOnlyList<RecordViolation> Violations, IReadOnlyList<int>? Lines = null)
    : InspectionCommand(InspectionId)
{
    /// <summary>How errors name the i-th violation: by its file line (<c>rows[7]</c>), or by its place (<c>violations[6]</c>).</summary>
    public string Row(int i) => Lines is { } lines && i < lines.Count ? $"rows[{lines[i]}]" : $"violations[{i}]";
}

/// <summary>What an import did: rows read, violations recorded, rows skipped as already recorded, and the inspection's version after it.</summary>
public sealed record ViolationImportResult(string InspectionId, int Rows, int Recorded, int Skipped, long Version);

public sealed class ImportViolationsValidator : InspectionCommandValidator<ImportViolations>
{
    private static readonly RecordViolationValidator Single = new();

    public ImportViolationsValidator()
    {
        RuleFor(x => x.Violations).NotEmpty().WithMessage("has no violations (a file names its columns on its first line, then one violation a line)");
        RuleFor(x => x.Lines).Must((c, lines) => lines!.Count == c.Violations.Count).When(x => x.Lines is not null)
            .WithMessage("must give the line of every violation");
        RuleFor(x => x).Custom((c, context) =>
        {
            // Each row by the rules of a single RecordViolation (its validator: one copy of them), rows in parallel (a file
            // has thousands); the failures are reported in file order.
            var problems = new List<FluentValidation.Results.ValidationFailure>?[c.Violations.Count];
            Parallel.For(0, c.Violations.Count, CpuWork.Options, i =>
            {
                var violation = c.Violations[i];
                var failures = Single.Validate(violation).Errors.Where(e => e.PropertyName != nameof(RecordViolation.InspectionId)).ToList();
                if (violation.InspectionId != c.InspectionId)
                    failures.Add(new(nameof(RecordViolation.InspectionId), $"must be the inspection imported into, '{Quote.Shorten(c.InspectionId)}'"));
                if (failures.Count > 0) problems[i] = failures;
            });
            for (var i = 0; i < problems.Length; i++)
                foreach (var failure in problems[i] ?? [])
                    context.AddFailure($"{c.Row(i)}.{char.ToLowerInvariant(failure.PropertyName[0])}{failure.PropertyName[1..]}", failure.ErrorMessage);
        });
    }
}

public static class ImportViolationsHandler
{
    /// <summary>One decision on the whole file (the inspection's own rules, row by row), one append of its events.</summary>
    public static (ViolationImportResult, Events) Handle(ImportViolations c, [WriteAggregate] Inspection inspection)
    {
        var decision = inspection.RecordFile(c.Violations.Select(RecordViolationHandler.Recorded).ToList(), c.Row);
        return (new ViolationImportResult(c.InspectionId, c.Violations.Count, decision.Recorded, decision.Skipped,
            inspection.Version + decision.Events.Count), [.. decision.Events]);
    }
}

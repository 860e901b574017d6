namespace Monitoring.Application.Inspections;

/// <summary>A command on one inspection: Wolverine's aggregate handler workflow fetches the stream named by <see cref="StreamKey"/>.</summary>
public abstract record InspectionCommand(string InspectionId)
{
    [Identity, JsonIgnore]
    public string StreamKey => Inspection.StreamKey(InspectionId);
}

/// <summary>The rules of every inspection command's validator: the inspection it names.</summary>
public abstract class InspectionCommandValidator<T> : AbstractValidator<T> where T : InspectionCommand
{
    protected InspectionCommandValidator() => RuleFor(x => x.InspectionId).IsInspectionId();
}

public static class InspectionRules
{
    public const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$";

    public static IRuleBuilderOptions<T, string> IsInspectionId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(IdPattern).WithMessage("must be 1–60 letters, digits, '.', '_', '/' or '-'");

    /// <summary>A violation is a positive count, or individual cases with unique references.</summary>
    public static void CountOrCases<T>(this AbstractValidator<T> v, Func<T, long> count, Func<T, IReadOnlyList<string>?> cases)
    {
        v.RuleFor(x => count(x)).GreaterThanOrEqualTo(0).OverridePropertyName("count");
        v.RuleFor(x => cases(x)).Must(c => c!.Distinct().Count() == c!.Count && c.All(r => !string.IsNullOrWhiteSpace(r)))
            .When(x => cases(x) is { Count: > 0 }).OverridePropertyName("cases").WithMessage("references must be non-empty and unique");
        v.RuleFor(x => count(x)).GreaterThan(0).When(x => cases(x) is not { Count: > 0 }).OverridePropertyName("count")
            .WithMessage("give a positive count, or the individual cases");
    }
}

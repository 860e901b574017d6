using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Monitoring.Application.Common;

/// <summary>
/// Validation as Wolverine middleware (the shape of WolverineFx.FluentValidation, which the registry here does not
/// serve): before every handler, the shared input hygiene and then the command's FluentValidation validators; invalid
/// input throws <see cref="ValidationException"/> before the handler has loaded or appended anything. Every way in —
/// HTTP, demo data, jobs — passes through it because it is part of the handler itself.
/// </summary>
public sealed class ValidationPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var validate = typeof(CommandValidation).GetMethod(nameof(CommandValidation.ValidateAsync))!;
        foreach (var chain in chains)
            chain.Middleware.Insert(0, new MethodCall(typeof(CommandValidation), validate.MakeGenericMethod(chain.MessageType)));
    }
}

public static class CommandValidation
{
    public static async Task ValidateAsync<T>(T message, IEnumerable<IValidator<T>> validators, CancellationToken cancellation)
    {
        // The shared checks first (control characters, sizes, enums, dates): a command's own rules can then assume sane values.
        var failures = InputHygiene.Check(message).Select(p => new FluentValidation.Results.ValidationFailure(p.Field, p.Reason)).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(message, cancellation)).Errors);
        if (failures.Count > 0) throw new ValidationException(failures);
    }
}

using FluentValidation;
using Monitoring.Application.Auth;
using Wolverine;

namespace Monitoring.Application.Common;

/// <summary>
/// The one way commands enter the system (HTTP, tools, demo data): validates with every FluentValidation validator
/// of the command — invalid input throws <see cref="ValidationException"/> before anything is touched — then runs
/// the Wolverine handler inside its transaction, recording who sent it and under which correlation id. The sender
/// (<see cref="Actor"/>) travels in the envelope's headers to the handler and to <see cref="BodyScopeMiddleware"/>.
/// </summary>
public sealed class CommandBus(IServiceProvider services, IMessageContext bus)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Type> ValidatorsOf = new();

    /// <summary>Sends as a trusted in-process caller (a job, the demo data), not limited to one body.</summary>
    public Task<TResult> SendAsync<TCommand, TResult>(
        TCommand command, string? userName, string? correlationId, CancellationToken ct) where TCommand : notnull =>
        SendAsync<TCommand, TResult>(command, Actor.System(userName), correlationId, ct);

    public async Task<TResult> SendAsync<TCommand, TResult>(
        TCommand command, Actor actor, string? correlationId, CancellationToken ct) where TCommand : notnull
    {
        // By the command's runtime type: a caller holding it as object (the demo data player) is validated all the same.
        var validators = (IEnumerable<IValidator>?)services.GetService(ValidatorsOf.GetOrAdd(command.GetType(),
            t => typeof(IEnumerable<>).MakeGenericType(typeof(IValidator<>).MakeGenericType(t)))) ?? [];
        // The shared checks first (control characters, sizes, enums, dates): a command's own rules can then assume sane values.
        var failures = InputHygiene.Check(command)
            .Select(p => new FluentValidation.Results.ValidationFailure(p.Field, p.Reason)).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(command), ct);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);

        bus.UserName = actor.UserName;
        if (correlationId is not null) bus.CorrelationId = correlationId;
        return await bus.InvokeAsync<TResult>(command, actor.ToDeliveryOptions(), ct);
    }

    public Task<CommandResult> SendAsync<TCommand>(TCommand command, string? userName, string? correlationId, CancellationToken ct)
        where TCommand : notnull => SendAsync<TCommand, CommandResult>(command, userName, correlationId, ct);

    public Task<CommandResult> SendAsync<TCommand>(TCommand command, Actor actor, string? correlationId, CancellationToken ct)
        where TCommand : notnull => SendAsync<TCommand, CommandResult>(command, actor, correlationId, ct);
}

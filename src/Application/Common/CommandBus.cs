using FluentValidation;
using Wolverine;

namespace Monitoring.Application.Common;

/// <summary>
/// The one way commands enter the system (HTTP, tools, demo data): validates with every FluentValidation validator
/// of the command — invalid input throws <see cref="ValidationException"/> before anything is touched — then runs
/// the Wolverine handler inside its transaction, recording who sent it and under which correlation id.
/// </summary>
public sealed class CommandBus(IServiceProvider services, IMessageContext bus)
{
    public async Task<TResult> SendAsync<TCommand, TResult>(
        TCommand command, string? userName, string? correlationId, CancellationToken ct) where TCommand : notnull
    {
        var validators = (IEnumerable<IValidator<TCommand>>?)services.GetService(typeof(IEnumerable<IValidator<TCommand>>)) ?? [];
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(command, ct);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);

        bus.UserName = userName;
        if (correlationId is not null) bus.CorrelationId = correlationId;
        return await bus.InvokeAsync<TResult>(command, ct);
    }

    public Task<CommandResult> SendAsync<TCommand>(TCommand command, string? userName, string? correlationId, CancellationToken ct)
        where TCommand : notnull => SendAsync<TCommand, CommandResult>(command, userName, correlationId, ct);
}

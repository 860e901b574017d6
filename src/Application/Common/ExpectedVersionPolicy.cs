using System.Reflection;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.Events;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Monitoring.Application.Common;

/// <summary>A command that may state the stream version its sender decided on (optimistic concurrency on request).</summary>
public interface IExpectVersion
{
    long? ExpectedVersion { get; }
}

/// <summary>
/// The caller's <c>expectedVersion</c> in Wolverine's aggregate handler workflow. Wolverine fetches the stream for writing
/// (a missing one stops the handler with a 404, see Program), the handler decides, and Marten guards the append against
/// a concurrent writer (a lost race is retried: <see cref="WriteConflict"/>). Wolverine's own version check wants a
/// non-nullable version on every command; here the version is optional, so this policy adds one step to the handler of
/// every <see cref="IExpectVersion"/> command: a command that states a version other than the one fetched is refused
/// (<see cref="StaleExpectedVersion"/>, 409, never retried) before anything is saved.
/// </summary>
public sealed class ExpectedVersionPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var check = typeof(ExpectedVersionPolicy).GetMethod(nameof(Check))!;
        foreach (var chain in chains)
        {
            if (!chain.MessageType.IsAssignableTo(typeof(IExpectVersion))) continue;
            // A version a command states but no handler checks would be silently ignored: refuse to start instead.
            var state = chain.Handlers.SelectMany(h => h.Method.GetParameters())
                .FirstOrDefault(p => p.GetCustomAttribute<WriteAggregateAttribute>() is not null)?.ParameterType
                ?? throw new InvalidOperationException($"{chain.MessageType.Name} states an expectedVersion, but its handler takes no [WriteAggregate] state");
            // The aggregate workflow adds its fetch and append frames while the code is generated, after policies: the
            // check goes first among the postprocessors, i.e. after the (pure) decision and the append to the session's
            // stream, and before SaveChangesAsync, so a stale command writes nothing.
            chain.Postprocessors.Insert(0, new MethodCall(typeof(ExpectedVersionPolicy), check.MakeGenericMethod(chain.MessageType, state)));
        }
    }

    public static void Check<TCommand, TState>(TCommand command, IEventStream<TState> stream) where TCommand : IExpectVersion where TState : class
    {
        if (command.ExpectedVersion is { } expected && expected != stream.StartingVersion)
            throw new StaleExpectedVersion(stream.Key ?? stream.Id.ToString(), expected);
    }
}

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
/// non-nullable version on every command; here the version is optional, so this policy adds one step to every aggregate
/// handler: a command that states a version other than the one fetched is refused (<see cref="StaleExpectedVersion"/>,
/// 409, never retried) before anything is appended or saved.
/// </summary>
public sealed class ExpectedVersionPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var check = typeof(ExpectedVersionPolicy).GetMethod(nameof(Check))!;
        foreach (var chain in chains)
        {
            var state = chain.Handlers.SelectMany(h => h.Method.GetParameters())
                .FirstOrDefault(p => p.GetCustomAttribute<WriteAggregateAttribute>() is not null)?.ParameterType;
            if (state is null) continue;
            // The aggregate workflow adds its fetch and append frames while the code is generated, after policies: the
            // check goes first among the postprocessors, i.e. after the (pure) decision and before anything is appended.
            chain.Postprocessors.Insert(0, new MethodCall(typeof(ExpectedVersionPolicy), check.MakeGenericMethod(chain.MessageType, state)));
        }
    }

    public static void Check<TCommand, TState>(TCommand command, IEventStream<TState> stream) where TState : class
    {
        if (command is IExpectVersion { ExpectedVersion: { } expected } && expected != stream.StartingVersion)
            throw new StaleExpectedVersion(stream.Key ?? stream.Id.ToString(), expected);
    }
}

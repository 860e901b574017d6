using System.Text.Json;

namespace Monitoring.Domain.Tests.Specifications;

/// <summary>
/// Given events → when a command is decided → then these events, or this refusal: the specification style of the
/// decider pattern. The state is folded from the given events with the aggregate's own <c>Evolve</c>; events are
/// compared by their JSON (records holding lists do not compare by value).
/// </summary>
public sealed class Decider<TState>(Func<TState?, object, TState?> evolve) where TState : class
{
    public Scenario Given(params object[] history) => new(history.Aggregate((TState?)null, evolve));

    public sealed class Scenario(TState? state)
    {
        public Outcome When(Func<TState?, object> decide)
        {
            try { return new Outcome(decide(state), null); }
            catch (Exception e) { return new Outcome(null, e); }
        }
    }

    public sealed record Outcome(object? Event, Exception? Error)
    {
        public void Then(object expected)
        {
            Error.ShouldBeNull();
            Event.ShouldNotBeNull();
            Event.GetType().ShouldBe(expected.GetType());
            JsonSerializer.Serialize(Event, Event.GetType()).ShouldBe(JsonSerializer.Serialize(expected, expected.GetType()));
        }

        public TError ThenRefused<TError>(string? containing = null) where TError : Exception
        {
            Event.ShouldBeNull($"expected a refusal, got {Event}");
            var error = Error.ShouldBeOfType<TError>();
            if (containing is not null) error.Message.ShouldContain(containing);
            return error;
        }
    }
}

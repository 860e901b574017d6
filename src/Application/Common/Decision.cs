namespace Monitoring.Application.Common;

/// <summary>
/// What an aggregate handler returns to Wolverine: the answer (the id acted on and the stream version after the write,
/// i.e. the next expected version) and the events, which Wolverine appends to the stream it fetched and commits.
/// </summary>
public static class Decision
{
    /// <param name="state">The state the events were decided on; null for a stream that starts here.</param>
    public static (CommandResult, Events) Of(string id, IVersioned? state, params object[] events) =>
        (new CommandResult(id, (state?.Version ?? 0) + events.Length), [.. events]);
}

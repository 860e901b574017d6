using Monitoring.Api.Auth;
using Monitoring.Application.Common;

namespace Monitoring.Api.Common;

public static class Send
{
    /// <summary>Sends a command as the signed-in user (the actor from their token, which scopes a steward to their body)
    /// under the request's correlation id.</summary>
    public static Task<CommandResult> CommandAsync<TCommand>(this CommandBus bus, TCommand command, HttpContext http) where TCommand : notnull =>
        bus.SendAsync(command, http.Actor(), http.CorrelationId(), http.RequestAborted);

    /// <summary>Sends a command that creates something and answers 201 with where to read it.</summary>
    public static async Task<IResult> CreatedAsync<TCommand>(this CommandBus bus, TCommand command, HttpContext http, Func<CommandResult, string> location)
        where TCommand : notnull
    {
        var result = await bus.CommandAsync(command, http);
        return Results.Created(location(result), result);
    }
}

using Monitoring.Application.Common;

namespace Monitoring.Api.Common;

public static class Send
{
    /// <summary>Sends a command as the signed-in user under the request's correlation id.</summary>
    public static Task<CommandResult> CommandAsync<TCommand>(this CommandBus bus, TCommand command, HttpContext http) where TCommand : notnull =>
        bus.SendAsync(command, http.UserName(), http.CorrelationId(), http.RequestAborted);
}

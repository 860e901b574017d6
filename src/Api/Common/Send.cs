namespace Monitoring.Api.Common;

public static class Send
{
    /// <summary>Sends a command as the signed-in user (the actor from their token, which scopes a steward to their body)
    /// under the request's correlation id.</summary>
    public static Task<CommandResult> CommandAsync<TCommand>(this IMessageContext bus, TCommand command, HttpContext http) where TCommand : notnull =>
        bus.SendAsync(command, http.Actor(), http.CorrelationId(), http.RequestAborted);

    /// <summary>Sends a command that creates something and answers 201 with where to read it.</summary>
    public static async Task<IResult> CreatedAsync<TCommand>(this IMessageContext bus, TCommand command, HttpContext http, Func<CommandResult, string> location)
        where TCommand : notnull
    {
        var result = await bus.CommandAsync(command, http);
        return Results.Created(HeaderSafe(location(result)), result);
    }

    /// <summary>
    /// A location fit for a response header: characters outside printable ASCII (a Kazakh id, say) percent-encoded as
    /// UTF-8. Built after the commit, so it must never throw: the client would be told a recorded write failed.
    /// </summary>
    public static string HeaderSafe(string location)
    {
        if (location.All(c => c is > ' ' and < '\u007f')) return location;
        var sb = new System.Text.StringBuilder(location.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in location.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f) { sb.Append((char)rune.Value); continue; }
            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++) sb.Append('%').Append(bytes[i].ToString("X2"));
        }
        return sb.ToString();
    }
}

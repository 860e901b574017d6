using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Application.Common;
using Wolverine;

namespace Monitoring.Api.Common;

/// <summary>
/// One way to make a write endpoint: the command itself is the request, with no request record that copies it field
/// by field. Its fields are read from the JSON body, except those the URL names (route values named like the
/// command's fields: <c>{inspectionId}</c>, <c>{bodyCode}/{period}</c>), which come from the route only; the command
/// goes to its Wolverine handler as the signed-in user (<see cref="Sending"/>), which validates it first.
/// </summary>
public static class CommandEndpoints
{
    /// <summary>POST <paramref name="pattern"/>: 200 with the <see cref="CommandResult"/>, or 201 at <paramref name="created"/>'s location.</summary>
    public static RouteHandlerBuilder MapCommand<TCommand>(this IEndpointRouteBuilder group, string pattern,
        Func<TCommand, CommandResult, string>? created = null) where TCommand : notnull =>
        group.MapPost(pattern, async (HttpContext http, IMessageContext bus) =>
            {
                var command = await ReadAsync<TCommand>(http);
                var result = await bus.SendAsync(command, http.Actor(), http.CorrelationId(), http.RequestAborted);
                return created is null ? Results.Ok(result) : Results.Created(Send.HeaderSafe(created(command, result)), result);
            })
            .WithName(typeof(TCommand).Name)
            .Accepts<TCommand>("application/json")
            .Produces<CommandResult>(created is null ? StatusCodes.Status200OK : StatusCodes.Status201Created)
            .ProducesValidationProblem();

    private static async Task<TCommand> ReadAsync<TCommand>(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (http.Request.HasJsonContentType() is false)
            throw new BadHttpRequestException("The body must be JSON (Content-Type: application/json)", StatusCodes.Status415UnsupportedMediaType);
        var node = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = options.MaxDepth },
            cancellationToken: http.RequestAborted);
        if (node is not JsonObject body) throw new JsonException("The body must be a JSON object", "$", null, null);
        var properties = options.GetTypeInfo(typeof(TCommand)).Properties;
        foreach (var (key, value) in http.Request.RouteValues)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
            if (property is null || value is not string text) continue;
            // The URL names it: a second, possibly different, value in the body would be ambiguous.
            if (body.ContainsKey(property.Name)) throw new Monitoring.Domain.Common.DomainRuleViolation(property.Name, "is given by the URL; leave it out of the body");
            body[property.Name] = property.PropertyType == typeof(int) ? JsonValue.Create(int.Parse(text))
                : property.PropertyType == typeof(long) ? JsonValue.Create(long.Parse(text)) : JsonValue.Create(text);
        }
        return body.Deserialize<TCommand>(options) ?? throw new JsonException("The body must be a JSON object", "$", null, null);
    }
}

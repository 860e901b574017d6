using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Monitoring.Api.Common;

/// <summary>
/// One way to make a write endpoint: the command itself is the request, with no request record that copies it field
/// by field. Its fields are read from the JSON body, except those the URL names (route values named like the
/// command's fields: <c>{inspectionId}</c>, <c>{bodyCode}/{period}</c>), which come from the route only; the command
/// goes to its Wolverine handler as the signed-in user (<see cref="Sending"/>), which validates it first.
/// </summary>
public static class CommandEndpoints
{
    /// <summary>
    /// Maps every command of a capability (the namespace of <typeparamref name="TCapability"/>) that carries a
    /// <see cref="PostAttribute"/>, tagged <paramref name="tag"/>: under <paramref name="policy"/>, or a steward's under
    /// <see cref="Policies.ReportWrite"/> and scoped to their body.
    /// </summary>
    public static void MapCommands<TCapability>(this IEndpointRouteBuilder app, string tag, string policy)
    {
        var group = app.MapGroup("").WithTags(tag).RejectUnknownQuery();
        foreach (var command in typeof(TCapability).Assembly.GetTypes().Where(t => t.Namespace == typeof(TCapability).Namespace))
        {
            if (command.GetCustomAttribute<PostAttribute>() is not { } post) continue;
            var endpoint = group.MapCommand(command, post.Route, post.Created is null ? null : Location(command, post.Created), null)
                .WithSummary(post.Summary);
            foreach (var status in post.Problems) endpoint.ProducesProblem(status);
            if (post.Steward) endpoint.RequireAuthorization(Policies.ReportWrite).BodyScoped(command);
            else endpoint.RequireAuthorization(policy);
        }
    }

    /// <summary>
    /// POST <paramref name="pattern"/>: 200 with the <see cref="CommandResult"/>, or 201 at <paramref name="created"/>'s
    /// location. <paramref name="before"/> runs after the command is read and before it is sent (e.g. waiting for a read model).
    /// </summary>
    public static RouteHandlerBuilder MapCommand<TCommand>(this IEndpointRouteBuilder group, string pattern,
        Func<TCommand, CommandResult, string>? created = null, Func<HttpContext, TCommand, Task>? before = null) where TCommand : notnull =>
        group.MapCommand(typeof(TCommand), pattern, created is null ? null : (c, r) => created((TCommand)c, r),
            before is null ? null : (http, c) => before(http, (TCommand)c));

    private static RouteHandlerBuilder MapCommand(this IEndpointRouteBuilder group, Type command, string pattern,
        Func<object, CommandResult, string>? created, Func<HttpContext, object, Task>? before) =>
        group.MapPost(pattern, async (HttpContext http, IMessageContext bus) =>
            {
                var message = await ReadAsync(command, http);
                if (before is not null) await before(http, message);
                var result = await bus.CommandAsync(message, http);
                return created is null ? Results.Ok(result) : Results.Created(Send.HeaderSafe(created(message, result)), result);
            })
            .WithName(command.Name)
            .Accepts(command, "application/json")
            .AddOpenApiOperationTransformer((operation, context, ct) => DescribeUrlFieldsAsync(command, pattern, operation, context, ct))
            .Produces<CommandResult>(created is null ? StatusCodes.Status200OK : StatusCodes.Status201Created)
            .ProducesValidationProblem();

    /// <summary>
    /// A location from a template: <c>{id}</c> is the result's id, any other <c>{name}</c> the command's field of that
    /// name (looked up here, at start, so that the location built after the commit cannot fail).
    /// </summary>
    private static Func<object, CommandResult, string> Location(Type command, string template)
    {
        var parts = Regex.Split(template, @"\{(\w+)\}");
        var fields = parts.Select((part, i) => i % 2 == 0 || part == "id" ? null
            : command.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
              ?? throw new InvalidOperationException($"{command.Name} has no field '{part}' for its location {template}")).ToArray();
        return (message, result) => string.Concat(parts.Select((part, i) => i % 2 == 0 ? part
            : fields[i] is { } field ? Convert.ToString(field.GetValue(message), CultureInfo.InvariantCulture) : result.Id));
    }

    /// <summary>
    /// The OpenAPI operation says what the endpoint reads: the URL's fields as path parameters, and a body schema of the
    /// command without them (a client generated from the document must not send them twice).
    /// </summary>
    private static async Task DescribeUrlFieldsAsync(Type command, string pattern, OpenApiOperation operation,
        OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var fields = RoutePatternFactory.Parse(pattern).Parameters
            .Select(p => (p.Name, Integer: p.ParameterPolicies.Any(policy => policy.Content is "int" or "long"))).ToList();
        if (fields.Count == 0) return;
        operation.Parameters ??= [];
        foreach (var (name, integer) in fields)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media))
        {
            var schema = await context.GetOrCreateSchemaAsync(command, null, ct);
            foreach (var (name, _) in fields)
            {
                var key = schema.Properties?.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                if (key is null) continue;
                schema.Properties!.Remove(key);
                schema.Required?.Remove(key);
            }
            media.Schema = schema;
        }
    }

    private static async Task<object> ReadAsync(Type command, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (!http.Request.HasJsonContentType())
            throw new BadHttpRequestException("The body must be JSON (Content-Type: application/json)", StatusCodes.Status415UnsupportedMediaType);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        // The fields the URL names go in front of the body's own, as JSON text, so the body is then read exactly as any
        // other (the same strictness, escapes and messages); a body that names one of them as well is refused.
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The body must be a JSON object", "$", null, null);
        var fromUrl = new List<string>();
        foreach (var property in options.GetTypeInfo(command).Properties)
        {
            if (http.Request.RouteValues.FirstOrDefault(r => string.Equals(r.Key, property.Name, StringComparison.OrdinalIgnoreCase)).Value is not string text)
                continue;
            if (document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
                throw new Monitoring.Domain.Common.DomainRuleViolation(property.Name, "is given by the URL; leave it out of the body");
            var value = property.PropertyType == typeof(int) || property.PropertyType == typeof(long) ? long.Parse(text).ToString() : JsonSerializer.Serialize(text);
            fromUrl.Add($"{JsonSerializer.Serialize(property.Name)}:{value}");
        }
        if (fromUrl.Count == 0) return JsonSerializer.Deserialize(body.Span, command, options)!;

        var json = Encoding.UTF8.GetString(body.Span);
        var rest = json[(json.IndexOf('{') + 1)..];
        var merged = "{" + string.Join(',', fromUrl) + (rest.TrimStart().StartsWith('}') ? "" : ",") + rest;
        return JsonSerializer.Deserialize(merged, command, options)!;
    }
}

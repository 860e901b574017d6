using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitoring.Api.Common;

/// <summary>
/// The OpenAPI document made true to what the API accepts and answers, for clients generated from it and proxies that
/// validate traffic with it (checked against the real traffic of the API test suite, <c>ContractCheck</c>):
/// <list type="bullet">
/// <item>a property that may be left out (nullable, or with a default) is not <c>required</c>, and a nullable one allows
/// <c>null</c>;</item>
/// <item>a nullable value is <c>anyOf [null, schema]</c>, never a <c>oneOf</c> whose branches both match null, and a shared
/// enum lists its values only (its nullable uses add the null);</item>
/// <item>a computed property is <c>readOnly</c>: answered, never read from a request;</item>
/// <item>problems carry the <c>correlationId</c> and whatever else a ProblemDetails may carry;</item>
/// <item>every operation lists the refusals any request may get (400, 401, 403, 429, 500; 404 when its path names a
/// record, 415 when it reads a body, 412 for a read that waited for <c>X-Min-Sequence</c>), each a ProblemDetails.</item>
/// </list>
/// </summary>
public static class OpenApiContract
{
    public static void Apply(OpenApiOptions options)
    {
        // Two capabilities may each have a type of the same name (a methodology's CriterionDefinition and a survey
        // instrument's): named by type alone they would share one schema, and one of them would be described wrongly.
        options.CreateSchemaReferenceId = info =>
        {
            var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            return id is not null && SharedNames.Contains(info.Type.Name) ? Capability(info.Type) + id : id;
        };
        options.AddSchemaTransformer(OptionalAndNullable);
        options.AddDocumentTransformer(new DocumentPass());
    }

    /// <summary>Names of the system's types that more than one capability uses for a type of its own.</summary>
    private static readonly HashSet<string> SharedNames =
        new[] { typeof(Monitoring.Domain.Common.DomainRuleViolation).Assembly, typeof(Monitoring.Application.Common.CpuWork).Assembly,
                typeof(Monitoring.Projections.Common.DatabaseRoles).Assembly, typeof(OpenApiContract).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

    /// <summary>"Monitoring.Domain.Methodology" → "Methodology": the capability folder the type belongs to.</summary>
    private static string Capability(Type type) => type.Namespace?.Split('.') is { Length: >= 3 } parts ? parts[2] : "";

    private static Task OptionalAndNullable(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo;
        // (The type's schema may be generated in place as a property's: the type info is the property's type either way.)
        // A nullable object comes as oneOf [null, the object]: the object is the branch with properties.
        var target = schema.Properties is not null ? schema
            : (schema.OneOf ?? schema.AnyOf)?.OfType<OpenApiSchema>().FirstOrDefault(b => b.Properties is not null) ?? schema;
        if (type.Kind == JsonTypeInfoKind.Object && target.Properties is { } properties)
            foreach (var property in type.Properties)
            {
                var nullable = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
                if (nullable || property.AssociatedParameter is { HasDefaultValue: true }) target.Required?.Remove(property.Name);
                if (nullable && properties.TryGetValue(property.Name, out var propertySchema) && !AllowsNull(propertySchema))
                    properties[property.Name] = OrNull(propertySchema);
                // A computed property (no setter) is answered, never read from a request.
                if (property.AttributeProvider is System.Reflection.PropertyInfo { CanWrite: false } && property.AssociatedParameter is null
                    && properties.TryGetValue(property.Name, out var computed)
                    && computed is OpenApiSchema plainComputed)
                {
                    plainComputed.ReadOnly = true;
                    target.Required?.Remove(property.Name);
                }
            }
        // A dictionary of nullable values (a figure not computed for a key is null).
        if (type.Kind == JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is { } values && !AllowsNull(values)
            && type.ElementType is { } element && (!element.IsValueType || Nullable.GetUnderlyingType(element) is not null))
            schema.AdditionalProperties = OrNull(values);
        return Task.CompletedTask;
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type is { } t && t.HasFlag(JsonSchemaType.Null)
        || schema.OneOf?.Any(IsNull) == true || schema.AnyOf?.Any(IsNull) == true;

    private static bool IsNull(IOpenApiSchema s) => s.Type == JsonSchemaType.Null;

    private static IOpenApiSchema OrNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { Type: { } t } plain && plain.Enum is not { Count: > 0 } && t != JsonSchemaType.Object && t != JsonSchemaType.Array)
        {
            plain.Type = t | JsonSchemaType.Null;
            return plain;
        }
        return new OpenApiSchema { AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, schema] };
    }

    private sealed class DocumentPass : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
        {
            var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
            foreach (var schema in document.Components?.Schemas?.Values ?? [])
            {
                // A shared enum is its values; where a use is nullable, that use says so (anyOf with null).
                if (schema is OpenApiSchema { Enum.Count: > 0 } shared)
                {
                    foreach (var nullValue in shared.Enum.Where(v => v is null).ToList()) shared.Enum.Remove(nullValue);
                    if (shared.Type is { } t && t.HasFlag(JsonSchemaType.Null)) shared.Type = t & ~JsonSchemaType.Null;
                }
                Walk(schema, seen);
            }
            foreach (var schema in OperationSchemas(document)) Walk(schema, seen);

            foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
                if (document.Components?.Schemas?.TryGetValue(name, out var problem) == true && problem is OpenApiSchema open)
                {
                    open.AdditionalPropertiesAllowed = true;
                    open.AdditionalProperties = null;
                    open.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    open.Properties["correlationId"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "The request's correlation id (X-Correlation-Id): quote it when you report a problem",
                    };
                }

            // The server as requested, without the trailing slash that would double every path's.
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            document.Tags = document.Tags?.Select(t => new OpenApiTag
            {
                Name = t.Name, Description = TagDescriptions.GetValueOrDefault(t.Name ?? "", t.Description),
            }).ToHashSet();

            foreach (var (template, path) in document.Paths)
            {
                if (!template.StartsWith("/api/", StringComparison.Ordinal))
                {
                    // The health checks read no input, but refuse a query they do not know (QueryParameterGuard).
                    foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                    {
                        operation.Responses ??= new OpenApiResponses();
                        Refusal(document, operation, 400, "A query parameter the operation does not read");
                    }
                    continue;
                }
                foreach (var (method, operation) in path.Operations ?? [])
                {
                    operation.Responses ??= new OpenApiResponses();
                    ReadYourWrites(operation, method);
                    Refusal(document, operation, 400, "The request is invalid: the problem names each field and the reason", validation: true);
                    Refusal(document, operation, 401, "No valid bearer token");
                    Refusal(document, operation, 403, "The token's role or body may not do this");
                    if (template.Contains('{')) Refusal(document, operation, 404, "The record the path names is not there");
                    if (operation.RequestBody is not null) Refusal(document, operation, 415, "The body is not of a media type the operation reads");
                    if (method == HttpMethod.Get)
                        Refusal(document, operation, 412, "X-Min-Sequence names an event the read side has not reached within the wait; retry");
                    Refusal(document, operation, 429, "Too many requests from this user or address; try again after the minute");
                    Refusal(document, operation, 500, "A fault on our side; quote the correlation id");
                }
            }
            RemoveUnused(document);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Schemas no operation reaches (a command's type generated beside the body the endpoint reads) are dropped: a
        /// client generator would make types of them that nothing uses.
        /// </summary>
        private static void RemoveUnused(OpenApiDocument document)
        {
            var components = document.Components?.Schemas;
            if (components is null) return;
            var used = new HashSet<string>();
            var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
            void Reach(IOpenApiSchema? schema)
            {
                if (schema is null || !seen.Add(schema)) return;
                if (schema is OpenApiSchemaReference reference)
                {
                    if (reference.Reference.Id is { } id && used.Add(id) && components.TryGetValue(id, out var target)) Reach(target);
                    return;
                }
                foreach (var child in Children(schema)) Reach(child);
            }
            foreach (var schema in OperationSchemas(document)) Reach(schema);
            foreach (var unused in components.Keys.Where(k => !used.Contains(k)).ToList()) components.Remove(unused);
        }

        private static readonly Dictionary<string, string> TagDescriptions = new()
        {
            ["Health"] = "Liveness (the process serves) and readiness (database, projections with their owners and lag, nodes, replica)",
            ["Catalogue"] = "Territories, state bodies and public services with their passports, each change dated and kept",
            ["Surveys"] = "Instruments, campaigns, answers (one by one or imported), published distributions and the ratings computed from them",
            ["Inspections"] = "Control inspections, the violations they record (corrected or revoked, never deleted) and recommendations",
            ["Complaints"] = "Complaints lodged with bodies, their statutory deadlines, answers and decisions",
            ["Delivery and internal-control reports"] = "Bodies' reports of services delivered on time or late, and of their internal control",
            ["Methodology"] = "The assessment methodology as data: versions frozen with a digest, and what-if scoring under any version",
            ["Assessments"] = "The 100-point annual assessment: measures, penalties, recognition, published revisions and their derivation",
            ["Audit"] = "Who recorded what and when: the events behind any figure",
            ["Journal"] = "The verifiable journal: signed digests of every event, inclusion and consistency proofs",
        };

        /// <summary>
        /// Read-your-writes in the document: a write answers with <c>X-Event-Sequence</c>, a read may wait for it with
        /// <c>X-Min-Sequence</c> (ReadYourWritesMiddleware).
        /// </summary>
        private static void ReadYourWrites(OpenApiOperation operation, HttpMethod method)
        {
            if (method == HttpMethod.Get)
            {
                operation.Parameters ??= [];
                if (operation.Parameters.Any(p => p.Name == ReadYourWritesMiddleware.MinSequenceHeader)) return;
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = ReadYourWritesMiddleware.MinSequenceHeader, In = ParameterLocation.Header, Required = false,
                    Description = "The X-Event-Sequence of your last write: the answer waits until the read side holds it (412 if it does not in time)",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
                });
                return;
            }
            foreach (var (status, response) in operation.Responses ?? [])
                if (status.StartsWith('2') && response is OpenApiResponse written)
                {
                    written.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    written.Headers[ReadYourWritesMiddleware.EventSequenceHeader] = new OpenApiHeader
                    {
                        Description = "The highest event sequence the write committed (absent when it appended nothing): send it as X-Min-Sequence to read your write",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                    };
                }
        }

        private static void Refusal(OpenApiDocument document, OpenApiOperation operation, int status, string description, bool validation = false)
        {
            var key = status.ToString();
            if (operation.Responses!.ContainsKey(key)) return;
            var schema = validation && document.Components?.Schemas?.ContainsKey("HttpValidationProblemDetails") == true
                ? "HttpValidationProblemDetails"
                : "ProblemDetails";
            if (document.Components?.Schemas?.ContainsKey(schema) != true) return;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
                },
            };
        }

        /// <summary>Every nullable <c>oneOf [null, X]</c> below a schema becomes <c>anyOf</c>: X may itself admit null.</summary>
        private static void Walk(IOpenApiSchema? schema, HashSet<IOpenApiSchema> seen)
        {
            if (schema is not OpenApiSchema s || !seen.Add(s)) return;
            if (s.OneOf is { Count: > 0 } oneOf && oneOf.Any(IsNull))
            {
                s.AnyOf = oneOf;
                s.OneOf = null;
            }
            foreach (var child in Children(s)) Walk(child, seen);
        }

        /// <summary>The schemas directly below a schema: properties, branches, items and dictionary values.</summary>
        private static IEnumerable<IOpenApiSchema?> Children(IOpenApiSchema schema) =>
            (schema.Properties?.Values ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AllOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties);

        /// <summary>The schemas the operations name: parameters, request bodies, response bodies and headers.</summary>
        private static IEnumerable<IOpenApiSchema?> OperationSchemas(OpenApiDocument document) =>
            from path in document.Paths.Values
            from operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()
            from schema in (operation.Parameters ?? []).Select(p => p.Schema)
                .Concat((operation.RequestBody?.Content?.Values ?? []).Select(m => m.Schema))
                .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r =>
                    (r.Content?.Values ?? []).Select(m => m.Schema).Concat((r.Headers?.Values ?? []).Select(h => h.Schema))))
            select schema;
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitoring.Api.Common;

/// <summary>Declares the bearer scheme in the OpenAPI document so the reference page can send a token.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Public service quality monitoring API";
        document.Info.Description = "Monitoring of the quality of public services: catalogue, surveys, inspections, assessments. " +
                                    "Get a development token with `./token.sh ROLE` and send it as `Authorization: Bearer …`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "JWT signed with the configured key; roles: inspector, steward, analyst, auditor, assessor, admin",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

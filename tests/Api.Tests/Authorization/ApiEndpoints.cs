using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Application.Auth;

namespace Monitoring.Api.Tests.Authorization;

/// <summary>
/// One HTTP method of one endpoint of the real host, read from its metadata (never from a hand-kept list): its policy
/// as the authorization middleware would combine it, the roles that policy lets in, and its body-scope markers.
/// </summary>
public sealed record ApiEndpoint(
    RouteEndpoint Endpoint, string Method, string Name, AuthorizationPolicy? Policy, bool HasOwnPolicy, bool AllowsAnonymous,
    IReadOnlySet<string> AllowedRoles, BodyScopedAttribute? BodyScoped, NotBodyScopedAttribute? NotBodyScoped, Type? RequestType,
    IReadOnlyList<string> ContentTypes)
{
    /// <summary>Sample values for route parameters, by name; anything else gets "x".</summary>
    public static readonly IReadOnlyDictionary<string, string> RouteValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["body"] = "AUTHZ-A", ["bodyCode"] = "AUTHZ-A", ["code"] = "KZ-2017", ["id"] = "AUTHZ-1", ["inspectionId"] = "AUTHZ-1", ["complaintId"] = "AUTHZ-1", ["period"] = "2017", ["revision"] = "1", ["penaltyId"] = "p1",
        ["streamKey"] = "body:AUTHZ-A", ["sequence"] = "1", ["campaign"] = "AUTHZ-CAMPAIGN", ["campaignCode"] = "AUTHZ-CAMPAIGN", ["runId"] = "00000000-0000-0000-0000-000000000001",
    };

    public bool Writes => Method is not ("GET" or "HEAD" or "OPTIONS");

    public string Route => Endpoint.RoutePattern.RawText ?? "";

    public override string ToString() => $"{Method} {Route} ({Name})";

    /// <summary>A concrete URL: every route parameter filled with a plausible value.</summary>
    public string Url(IReadOnlyDictionary<string, string>? values = null)
    {
        var path = string.Concat(Endpoint.RoutePattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(
                (values ?? RouteValues).TryGetValue(parameter.Name, out var v) ? v : RouteValues.GetValueOrDefault(parameter.Name, "x")),
            _ => "",
        }))));
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>Every endpoint × method of the host.</summary>
    public static async Task<IReadOnlyList<ApiEndpoint>> AllAsync(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var result = new List<ApiEndpoint>();
        // The pages are another surface (a cookie, never a bearer token): WebPagesAuthorizationTests check them.
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.Metadata.GetMetadata<Monitoring.Api.Web.WebSurface>() is null))
            result.AddRange(await OfAsync(endpoint, provider));
        return result;
    }

    /// <summary>One endpoint, one entry per HTTP method, read from its metadata.</summary>
    public static async Task<IReadOnlyList<ApiEndpoint>> OfAsync(RouteEndpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        var metadata = endpoint.Metadata;
        var authorizeData = metadata.GetOrderedMetadata<IAuthorizeData>();
        var policies = metadata.GetOrderedMetadata<AuthorizationPolicy>();
        // What UseAuthorization applies: the endpoint's own data and policies, or the fallback policy when it has none.
        var policy = await AuthorizationPolicy.CombineAsync(provider, authorizeData, policies);
        var hasOwnPolicy = policies.Count > 0 || authorizeData.Any(d => d.Policy is not null || d.Roles is not null);
        var allowed = policy is null ? Roles.All.ToHashSet() : AllowedRolesOf(policy);
        var name = metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "?";
        var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
        var accepts = metadata.GetMetadata<IAcceptsMetadata>();
        return methods.Select(method => new ApiEndpoint(endpoint, method, name, policy, hasOwnPolicy, metadata.GetMetadata<IAllowAnonymous>() is not null,
            allowed, metadata.GetMetadata<BodyScopedAttribute>(), metadata.GetMetadata<NotBodyScopedAttribute>(),
            accepts?.RequestType, accepts?.ContentTypes ?? [])).ToList();
    }

    /// <summary>
    /// Why endpoints break the body-scope rules (none when they keep them): every write endpoint a steward may call is
    /// marked body-scoped or says why not; a body-scoped endpoint admits stewards; an endpoint a steward may call that
    /// binds a command naming a body (<see cref="IBodyScoped"/>) is marked.
    /// </summary>
    public static IReadOnlyList<string> BodyScopeViolations(IEnumerable<ApiEndpoint> endpoints)
    {
        static bool StewardMay(ApiEndpoint e) => e.AllowedRoles.Contains(Roles.Steward) && !e.AllowsAnonymous;
        var violations = new List<string>();
        foreach (var e in endpoints)
        {
            if (e.Writes && StewardMay(e) && e.BodyScoped is null && e.NotBodyScoped is null)
                violations.Add($"{e}: a steward may write here; mark it .BodyScoped<TCommand>() (and add a sample), or .NotBodyScoped(reason)");
            if (e.BodyScoped is not null && !StewardMay(e))
                violations.Add($"{e}: body-scoped, but no steward may call it (the marker or the policy is wrong)");
            if (StewardMay(e) && e.RequestType is { } t && typeof(IBodyScoped).IsAssignableFrom(t) && e.BodyScoped is null)
                violations.Add($"{e}: binds {t.Name}, which names a body, but lacks the body-scope marker");
        }
        return violations;
    }

    /// <summary>
    /// The roles a policy admits: every role, narrowed by each <see cref="RolesAuthorizationRequirement"/> (all of a
    /// policy's requirements must hold, so several narrow by intersection).
    /// </summary>
    public static IReadOnlySet<string> AllowedRolesOf(AuthorizationPolicy policy)
    {
        var allowed = Roles.All.ToHashSet();
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
            allowed.IntersectWith(requirement.AllowedRoles);
        return allowed;
    }
}

using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Monitoring.Api.Web;

/// <summary>
/// Razor Pages authorise a page, not its handlers, and ignore <c>[Authorize]</c> on a handler method (warning MVC1001).
/// A page read by many roles whose form only some may send (the methodology page: auditors read, assessors publish)
/// marks the handler <c>[HandlerPolicy(WebPolicies.Assess)]</c>, and this filter enforces it before the handler runs:
/// 403 for a signed-in person without the role, nothing sent.
/// </summary>
public sealed class HandlerAuthorizationFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var attribute in context.HandlerMethod?.MethodInfo.GetCustomAttributes<HandlerPolicyAttribute>() ?? [])
        {
            var policy = attribute.Policy;
            if (!(await authorization.AuthorizeAsync(context.HttpContext.User, policy)).Succeeded)
            {
                context.Result = new ForbidResult(WebSetup.Scheme);
                return;
            }
        }
        await next();
    }
}

/// <summary>The policy a Razor Page handler (a form's POST) requires beyond its page's, enforced by <see cref="HandlerAuthorizationFilter"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Monitoring.Api.Web;

/// <summary>
/// Razor Pages authorise a page, not its handlers, and silently ignore <c>[Authorize]</c> on a handler method. A page
/// read by many roles whose form only some may send (the methodology page: auditors read, assessors publish) marks the
/// handler <c>[Authorize(Policy = WebPolicies.Assess)]</c>, and this filter enforces it before the handler runs: 403 for
/// a signed-in person without the role, nothing sent.
/// </summary>
public sealed class HandlerAuthorizationFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var attribute in context.HandlerMethod?.MethodInfo.GetCustomAttributes<AuthorizeAttribute>() ?? [])
        {
            var policy = attribute.Policy ?? WebPolicies.SignedIn;
            if (!(await authorization.AuthorizeAsync(context.HttpContext.User, policy)).Succeeded)
            {
                context.Result = new ForbidResult(WebSetup.Scheme);
                return;
            }
        }
        await next();
    }
}

using Marten;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Common;

namespace Monitoring.Application.Catalogue;

public static class ServicePassportRules
{
    /// <summary>The owning body must exist, be active and be of the same level as the service.</summary>
    public static async Task CheckOwnerAsync(IQuerySession session, ServicePassport passport, CancellationToken ct)
    {
        var body = await CatalogueRules.RequireActiveBodyAsync(session, passport.BodyCode, "passport.bodyCode", ct);
        if (body.Level != passport.Level)
            throw new DomainRuleViolation("passport.level",
                $"is {passport.Level} but the owning body '{body.Code}' is {body.Level}");
    }
}

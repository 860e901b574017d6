
namespace Monitoring.Application.Catalogue;

/// <summary>Input rules shared by the catalogue commands.</summary>
public static class CatalogueRules
{
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";

    public static IRuleBuilderOptions<T, string> IsCatalogueCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(CodePattern)
            .WithMessage("must be 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit");

    /// <summary>ISO 3166-2 (KZ-KAR, RU-KLU), or deeper codes of the catalogue's own under it (RU-KLU-KALUGA).</summary>
    public const string TerritoryCodePattern = "^[A-Z]{2}(-[A-Z0-9]{1,12}){1,3}$";

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public const string CountryPattern = "^[A-Z]{2}$";

    public static IRuleBuilderOptions<T, string> IsTerritoryCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(TerritoryCodePattern)
            .WithMessage("must be an ISO 3166-2 code in capitals (e.g. KZ-KAR), optionally with up to two deeper parts (e.g. RU-KLU-KALUGA)");

    public static IRuleBuilderOptions<T, string> IsName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(1000); // official service names run to 600+ characters

    public static IRuleBuilderOptions<T, string> IsReason<T>(this IRuleBuilder<T, string> rule, int maxLength = 2000) =>
        rule.NotEmpty().WithMessage("must say why (the reason is kept in the history)").MaximumLength(maxLength);

    /// <summary>Every service a command names must be in the catalogue.</summary>
    public static async Task RequireServicesAsync(IQuerySession session, IEnumerable<string> codes, string field, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToArray();
        var known = await session.LoadManyAsync<CatalogueService>(ct, wanted.Select(PublicService.StreamKey).ToArray());
        var missing = wanted.Except(known.Select(s => s.Code)).ToList();
        if (missing.Count > 0) throw new DomainRuleViolation(field, $"unknown services: {string.Join(", ", missing.Take(10))}");
    }

    /// <summary>The body a command points at must exist, be active, and (when given) be of the expected level.</summary>
    public static async Task<CatalogueBody> RequireActiveBodyAsync(
        IQuerySession session, string code, string field, CancellationToken ct)
    {
        var body = await session.LoadAsync<CatalogueBody>(StateBody.StreamKey(code), ct)
                   ?? throw new DomainRuleViolation(field, $"unknown state body '{code}'");
        if (body.RetiredOn is not null)
            throw new DomainRuleViolation(field, $"state body '{code}' was retired on {body.RetiredOn:yyyy-MM-dd}");
        return body;
    }

    /// <summary>A territory a command names must be registered.</summary>
    public static async Task RequireTerritoryAsync(IQuerySession session, string code, string field, CancellationToken ct)
    {
        if (await session.LoadAsync<CatalogueTerritory>(Territory.StreamKey(code), ct) is null)
            throw new DomainRuleViolation(field, $"'{code}' is not a registered territory code");
    }

    /// <summary>A passport's owning body must exist, be active and be of the same level as the service.</summary>
    public static async Task CheckOwnerAsync(IQuerySession session, ServicePassport passport, CancellationToken ct)
    {
        var body = await RequireActiveBodyAsync(session, passport.BodyCode, "passport.bodyCode", ct);
        if (body.Level != passport.Level)
            throw new DomainRuleViolation("passport.level", $"is {passport.Level} but the owning body '{body.Code}' is {body.Level}");
    }
}

/// <summary>A change to a body or service in the catalogue: its code, why, and (optionally) the version the caller saw.</summary>
public interface ICatalogueChange : IExpectVersion
{
    string Code { get; }
    string Reason { get; }
}

/// <summary>A command on one state body: Wolverine's aggregate handler workflow fetches the stream named by <see cref="StreamKey"/>.</summary>
public abstract record BodyCommand(string Code)
{
    [Identity, JsonIgnore]
    public string StreamKey => StateBody.StreamKey(Code);
}

/// <summary>A command on one public service: Wolverine's aggregate handler workflow fetches the stream named by <see cref="StreamKey"/>.</summary>
public abstract record ServiceCommand(string Code)
{
    [Identity, JsonIgnore]
    public string StreamKey => PublicService.StreamKey(Code);
}

public abstract class CatalogueChangeValidator<T> : AbstractValidator<T> where T : ICatalogueChange
{
    protected CatalogueChangeValidator()
    {
        RuleFor(x => x.Code).IsCatalogueCode();
        RuleFor(x => x.Reason).IsReason();
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null);
    }
}

public sealed class StandardTermValidator : AbstractValidator<StandardTerm>
{
    public StandardTermValidator() => RuleFor(x => x.Value).GreaterThan(0).LessThanOrEqualTo(100_000);
}

public sealed class ServicePassportValidator : AbstractValidator<ServicePassport>
{
    public ServicePassportValidator()
    {
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.Channels).NotEmpty().WithMessage("must name at least one channel");
        RuleFor(x => x.Channels).Must(c => c.Distinct().Count() == c.Count).When(x => x.Channels is not null)
            .WithMessage("must not repeat a channel");
        RuleFor(x => x.StandardTerm!).SetValidator(new StandardTermValidator()).When(x => x.StandardTerm is not null);
        RuleForEach(x => x.ChannelTerms!).ChildRules(entry => entry.RuleFor(e => e.Value).SetValidator(new StandardTermValidator()))
            .When(x => x.ChannelTerms is not null);
        RuleFor(x => x.ChannelTerms!)
            .Must((p, terms) => terms.Keys.All(k => p.Channels.Contains(k)))
            .When(x => x.ChannelTerms is not null && x.Channels is not null)
            .WithMessage("may only set terms for the service's allowed channels");
        RuleFor(x => x.MaxQueueWaitMinutes).InclusiveBetween(0, 24 * 60).When(x => x.MaxQueueWaitMinutes is not null);
        RuleFor(x => x.EffectiveFrom).InclusiveBetween(new DateOnly(1991, 12, 16), new DateOnly(2100, 12, 31));
    }
}

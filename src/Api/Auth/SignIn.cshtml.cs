using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Web;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Auth;

/// <summary>
/// Sign-in to the pages. With an OpenID Connect provider configured (<c>Auth:Authority</c>, <c>Web:ClientId</c>) the
/// person signs in there. In Development only, anyone may choose a demo user (a name, a role and, for a steward, the
/// body they act for): the cookie then carries the claims a token of <c>./token.sh</c> would.
/// </summary>
public sealed class SignInModel(WebSignInSettings settings, CatalogueQueries catalogue, IConfiguration configuration) : WebPage
{
    /// <summary>Ready-made demo users, one per role (the steward acts for the Karaganda akimat assessed in the demo data, DEMO-KAR).</summary>
    public static readonly IReadOnlyList<DemoUser> Presets =
    [
        new("Аналитик Айгерим", Roles.Analyst, null),
        new("Аудитор Асель", Roles.Auditor, null),
        new("Инспектор Марат", Roles.Inspector, null),
        new("Ответственный Ерлан", Roles.Steward, "DEMO-KAR"),
        new("Оценщик Гульнара", Roles.Assessor, null),
        new("Администратор Данияр", Roles.Admin, null),
    ];

    public bool DemoUsers => settings.DemoUsers;
    public bool Provider => settings.UsesProvider(configuration);
    public IReadOnlyList<CatalogueBody> Bodies { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Body { get; set; }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (DemoUsers) Bodies = await catalogue.BodiesAsync(null, null, null, false, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public IActionResult OnPostProvider() => Provider
        ? Challenge(new AuthenticationProperties { RedirectUri = WebLinks.LocalOrHome(ReturnUrl) }, WebSetup.OidcScheme)
        : NotFound();

    public async Task<IActionResult> OnPostDemoAsync(CancellationToken ct)
    {
        if (!DemoUsers) return NotFound();
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || InputHygiene.CharacterProblem(name, multiline: false) is not null)
            FieldError("name", "must be 1 to 100 printable characters");
        if (Role is null || !Roles.All.Contains(Role)) FieldError("role", $"must be one of {string.Join(", ", Roles.All)}");
        var body = string.IsNullOrWhiteSpace(Body) ? null : Body.Trim();
        if (Role == Roles.Steward && body is null) FieldError("body", "a steward acts for a state body: choose one");
        if (body is not null && await catalogue.BodyAsync(body, ct) is null) FieldError("body", $"'{Quote.Shorten(body)}' is not a registered state body");
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);

        var claims = new List<Claim> { new("sub", name), new("role", Role!) };
        if (body is not null) claims.Add(new Claim(ActorClaims.Body, body));
        var identity = new ClaimsIdentity(claims, WebSetup.Scheme, "sub", "role");
        await HttpContext.SignInAsync(WebSetup.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(WebLinks.LocalOrHome(ReturnUrl));
    }
}

public sealed record DemoUser(string Name, string Role, string? Body);

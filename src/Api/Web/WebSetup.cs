using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Monitoring.Api.Web;

/// <summary>
/// The web application for people: Razor Pages rendered on the server (no second copy of a rule: a page reads the same
/// query services as the API and sends the same commands through Wolverine), signed in with a cookie of its own, in
/// Russian first with Kazakh and English. The pages live in the capability folders beside the endpoints
/// (<c>Surveys/Ratings.cshtml</c> is <c>/surveys/ratings</c>); this folder holds what they share.
/// </summary>
public static class WebSetup
{
    /// <summary>The cookie of a signed-in person. The API never accepts it (a bearer token only), so the API has no CSRF surface.</summary>
    public const string Scheme = "Web";
    public const string Cookie = "monitoring_session";
    public const string OidcScheme = "WebOidc";

    public static readonly CultureInfo[] Cultures = [new("ru-RU"), new("kk-KZ"), new("en-US")];

    public static WebApplicationBuilder AddMonitoringWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(WebSignInSettings.Section).Get<WebSignInSettings>() ?? new WebSignInSettings();
        settings.DemoUsers = builder.Environment.IsDevelopment();
        services.AddSingleton(settings);
        // The key ring that protects the sign-in cookie and the antiforgery tokens: in a folder every node shares (a
        // volume), so that a restart signs nobody out and two nodes read each other's cookies. Unset, ASP.NET Core's
        // default (the user profile; fine for one process).
        if (!string.IsNullOrWhiteSpace(settings.KeysPath))
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath)).SetApplicationName("monitoring");

        // Russian and Kazakh text is written as it is, not as numeric character references (pages a third of the size).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Russian unless the person chose otherwise (the language switch sets the cookie): a browser's English
            // Accept-Language does not turn a Russian-first system English.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o =>
            {
                // The pages sit in the capability folders of this project beside the endpoints.
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/", WebPolicies.SignedIn);
                o.Conventions.AllowAnonymousToPage("/Auth/SignIn");
                o.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(WebSurface.Instance));
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            // MVC's JSON (a page's JSON answers, and what test clients that detect MVC read with) is the API's JSON.
            .AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions))
            // [Authorize(Policy = …)] on a handler method is enforced (Razor Pages would ignore it).
            .AddMvcOptions(o => o.Filters.Add<HandlerAuthorizationFilter>());

        var authentication = services.AddAuthentication();
        authentication.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = Cookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(settings.SessionHours);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
        });
        if (settings.UsesProvider(builder.Configuration))
        {
            var jwt = builder.Configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = Scheme;
                o.Authority = jwt.Authority;
                o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.Scope.Clear();
                foreach (var scope in settings.Scopes) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = "sub";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.Events.OnTokenValidated = ctx =>
                {
                    // The same roles and body claims as a bearer token from the same provider (ProviderClaims).
                    if (ctx.Principal?.Identity is ClaimsIdentity identity) ProviderClaims.Normalise(identity, jwt);
                    return Task.CompletedTask;
                };
            });
        }

        var policies = services.AddAuthorizationBuilder();
        policies.AddPolicy(WebPolicies.SignedIn, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        foreach (var (name, roles) in WebPolicies.Roles)
            policies.AddPolicy(name, p => p.AddAuthenticationSchemes(Scheme).RequireRole(roles));
        return builder;
    }

    /// <summary>Static assets (the chart and htmx libraries, the style sheet) before authentication: they are public.</summary>
    public static WebApplication UseMonitoringWebAssets(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapMonitoringWeb(this WebApplication app)
    {
        app.MapRazorPages();
        // The language switch: a cookie for a year, then back where the person was (a local path only).
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName.Equals(culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null) return Results.Redirect("/");
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(WebLinks.LocalOrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription().WithMetadata(WebSurface.Instance);
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.LocalRedirect("/signin");
        }).RequireAuthorization(WebPolicies.SignedIn).ExcludeFromDescription().WithMetadata(WebSurface.Instance)
            .NotBodyScoped("signs the person out of the pages; names no body and records nothing");
        return app;
    }
}

/// <summary>
/// Marks the endpoints of the pages (cookie sign-in, antiforgery on every form) apart from the API's (bearer tokens only),
/// so that each surface is checked by the rules of its own kind.
/// </summary>
public sealed class WebSurface
{
    public static readonly WebSurface Instance = new();
}

/// <summary>Authorization policies of the pages: the same roles as the API's policies (<see cref="Policies"/>), on the cookie.</summary>
public static class WebPolicies
{
    public const string SignedIn = "web";
    private const string Prefix = SignedIn + ":";
    public const string Read = Prefix + Policies.Read;
    public const string CatalogueWrite = Prefix + Policies.CatalogueWrite;
    public const string InspectionWrite = Prefix + Policies.InspectionWrite;
    public const string ReportWrite = Prefix + Policies.ReportWrite;
    public const string Assess = Prefix + Policies.Assess;
    public const string SurveyWrite = Prefix + Policies.SurveyWrite;
    public const string Audit = Prefix + Policies.Audit;
    public const string Admin = Prefix + Policies.Admin;

    /// <summary>Who each page policy admits: the API's table (<see cref="Policies.Admits"/>), on the pages' cookie.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Roles =
        Policies.Admits.Where(p => p.Key != Policies.Verify).ToDictionary(p => Prefix + p.Key, p => p.Value);

    /// <summary>Whether the signed-in person may use what a policy guards: a page offers only what its user may do.</summary>
    public static bool Allows(this ClaimsPrincipal user, string policy) =>
        Roles.TryGetValue(policy, out var roles) && roles.Any(user.IsInRole);
}

/// <summary>Configuration section <c>Web</c>: how people sign in to the pages.</summary>
public sealed class WebSignInSettings
{
    public const string Section = "Web";
    /// <summary>The client registered at the OpenID Connect provider named by <c>Auth:Authority</c>.</summary>
    public string? ClientId { get; set; }
    /// <summary>Its secret, from the environment (<c>Web__ClientSecret</c>), never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }
    public string[] Scopes { get; set; } = ["openid", "profile"];
    public int SessionHours { get; set; } = 8;
    /// <summary>A folder for the data-protection key ring shared by the nodes (see <see cref="WebSetup"/>).</summary>
    public string? KeysPath { get; set; }
    /// <summary>Only in Development: the sign-in page lets anyone choose a demo user (name, role, body).</summary>
    public bool DemoUsers { get; set; }

    public bool UsesProvider(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(configuration[$"{JwtSettings.Section}:Authority"]);
}

public static class WebLinks
{
    /// <summary>A return address that stays on this site: a local path, else the home page (no open redirect).</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}

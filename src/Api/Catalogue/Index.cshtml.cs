using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

/// <summary>
/// The register of state bodies and public services with their current passports (read by every role, as the API's
/// catalogue is); an admin registers a body here with the same command as <c>POST /api/catalogue/bodies</c>.
/// </summary>
[Authorize(Policy = WebPolicies.Read)]
public sealed class IndexModel(CatalogueQueries catalogue, IStringLocalizer<UiText> text) : WebPage
{
    [BindProperty(SupportsGet = true)] public GovernmentLevel? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    public IReadOnlyList<CatalogueTerritory> Regions { get; private set; } = [];
    public IReadOnlyList<CatalogueBody> AllBodies { get; private set; } = [];

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Regions = await catalogue.TerritoriesAsync(null, null, ct);
        AllBodies = await catalogue.BodiesAsync(null, null, null, true, ct);
        var names = AllBodies.ToDictionary(b => b.Code, b => Names.Of(b));
        var regionNames = Regions.ToDictionary(r => r.Code, r => Names.Of(r));

        var bodies = new Table("bodies", text["Bodies"], [
            new Column("code", text["Code"]), new Column("name", text["Name"]), new Column("level", text["Level"]),
            new Column("parent", text["Parent"]), new Column("region", text["Region"]), new Column("retired", text["Retired"]),
        ], "bodies");
        foreach (var b in AllBodies.Where(b => (Level is null || b.Level == Level) && (Region is null || b.RegionCode == Region)))
            bodies.Add($"/catalogue/bodies/{Uri.EscapeDataString(b.Code)}", ("code", b.Code), ("name", Names.Of(b)),
                ("level", text[$"Level_{b.Level}"].Value), ("parent", b.ParentCode is { } p ? names.GetValueOrDefault(p, p) : null),
                ("region", b.RegionCode is { } r ? regionNames.GetValueOrDefault(r, r) : null), ("retired", b.RetiredOn));
        Tables.Add(bodies.SortFrom(Request));

        var services = new Table("services", text["Services"], [
            new Column("code", text["Code"]), new Column("name", text["Name"]), new Column("owner", text["Owner"]),
            new Column("level", text["Level"]), new Column("channels", text["Channels"]), new Column("term", text["StandardTerm"]),
            new Column("paid", text["Paid"], ColumnKind.Flag), new Column("queue", text["MaxQueue"], ColumnKind.Integer),
        ], "services");
        var list = await catalogue.ServicesAsync(Body, Level, null, false, ct);
        foreach (var s in list)
        {
            var passport = s.Passports[^1].Passport;
            services.Add($"/catalogue/services/{Uri.EscapeDataString(s.Code)}", ("code", s.Code), ("name", Names.Of(s)),
                ("owner", names.GetValueOrDefault(passport.BodyCode, passport.BodyCode)), ("level", text[$"Level_{passport.Level}"].Value),
                ("channels", string.Join(", ", passport.Channels)), ("term", Term(passport.StandardTerm)), ("paid", passport.Paid),
                ("queue", passport.MaxQueueWaitMinutes));
        }
        Tables.Add(services.SortFrom(Request));
    }

    public string? Term(StandardTerm? term) => term is null ? null : $"{term.Value.ToString("0.##", Culture)} {text[$"Term_{term.Unit}"]}";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPolicy(WebPolicies.CatalogueWrite)]
    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        var effectiveFrom = DateField("effectiveFrom");
        var level = Enum.TryParse<GovernmentLevel>(Request.Form["level"], out var l) ? l : (GovernmentLevel?)null;
        if (level is null) FieldError("level", "must be Central or Local");
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        var command = new RegisterStateBody(TextField("code") ?? "", TextField("nameRu") ?? "", TextField("nameKk"), level!.Value,
            TextField("parentCode"), TextField("regionCode"), effectiveFrom!.Value);
        if (await SendAsync(command, ct) is null) return await RefusedPageAsync(ct);
        Flash = string.Format(text["Registered"], command.Code);
        return Redirect($"/catalogue/bodies/{Uri.EscapeDataString(command.Code)}");
    }
}

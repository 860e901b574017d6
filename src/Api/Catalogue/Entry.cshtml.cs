using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Monitoring.Api.Web;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Catalogue;

/// <summary>
/// One body or service of the register: its names and (for a service) passports through time with who recorded each and
/// why; an admin renames it or retires it with the same commands as the API.
/// </summary>
[Authorize(Policy = WebPolicies.Read)]
public sealed class EntryModel(CatalogueQueries catalogue, IStringLocalizer<UiText> text) : WebPage
{
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public CatalogueEntry? Entry { get; private set; }
    public CatalogueBody? Body => Entry as CatalogueBody;
    public CatalogueService? Service => Entry as CatalogueService;
    public bool IsBody => Kind == "bodies";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Entry = IsBody ? await catalogue.BodyAsync(Code, ct) : await catalogue.ServiceAsync(Code, ct);
        if (Entry is null) return;
        var names = new Table("names", text["Names"], [
            new Column("from", text["EffectiveFrom"]), new Column("nameRu", text["NameRu"]), new Column("nameKk", text["NameKk"]),
            new Column("reason", text["Reason"]), new Column("by", text["RecordedBy"]), new Column("at", text["RecordedAt"]),
        ], $"{Code}-names");
        foreach (var n in Entry.Names)
            names.Add(null, ("from", n.EffectiveFrom), ("nameRu", n.NameRu), ("nameKk", n.NameKk), ("reason", n.Reason),
                ("by", n.RecordedBy.RecordedBy), ("at", n.RecordedBy.RecordedAt));
        Tables.Add(names);
        if (Service is { } service)
        {
            var passports = new Table("passports", text["Passports"], [
                new Column("from", text["EffectiveFrom"]), new Column("owner", text["Owner"]), new Column("level", text["Level"]),
                new Column("channels", text["Channels"]), new Column("term", text["StandardTerm"]), new Column("paid", text["Paid"], ColumnKind.Flag),
                new Column("queue", text["MaxQueue"], ColumnKind.Integer), new Column("reason", text["Reason"]),
                new Column("by", text["RecordedBy"]), new Column("at", text["RecordedAt"]),
            ], $"{Code}-passports");
            foreach (var p in service.Passports)
                passports.Add(null, ("from", p.Passport.EffectiveFrom), ("owner", p.Passport.BodyCode), ("level", text[$"Level_{p.Passport.Level}"].Value),
                    ("channels", string.Join(", ", p.Passport.Channels)),
                    ("term", p.Passport.StandardTerm is { } t ? $"{t.Value.ToString("0.##", Culture)} {text[$"Term_{t.Unit}"]}" : null),
                    ("paid", p.Passport.Paid), ("queue", p.Passport.MaxQueueWaitMinutes), ("reason", p.Reason),
                    ("by", p.RecordedBy.RecordedBy), ("at", p.RecordedBy.RecordedAt));
            Tables.Add(passports);
        }
        if (Body is { } body)
        {
            var services = new Table("services", text["Services"], [new Column("code", text["Code"]), new Column("name", text["Name"])], $"{Code}-services");
            foreach (var s in await catalogue.ServicesAsync(body.Code, null, null, false, ct))
                services.Add($"/catalogue/services/{Uri.EscapeDataString(s.Code)}", ("code", s.Code), ("name", Names.Of(s)));
            Tables.Add(services.SortFrom(Request));
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Kind is not ("bodies" or "services")) return NotFound();
        await LoadAsync(ct);
        return Entry is null ? NotFound() : Page();
    }

    [HandlerPolicy(WebPolicies.CatalogueWrite)]
    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        var from = DateField("effectiveFrom");
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        object command = IsBody
            ? new RenameStateBody(Code, TextField("nameRu") ?? "", TextField("nameKk"), from!.Value, TextField("reason") ?? "", null)
            : new RenameService(Code, TextField("nameRu") ?? "", TextField("nameKk"), from!.Value, TextField("reason") ?? "", null);
        if (await SendAsync(command, ct) is null) return await RefusedPageAsync(ct);
        Flash = text["Renamed"];
        return Redirect(Request.Path);
    }

    [HandlerPolicy(WebPolicies.CatalogueWrite)]
    public async Task<IActionResult> OnPostRetireAsync(CancellationToken ct)
    {
        var on = DateField("retiredOn");
        if (!ModelState.IsValid) return await RefusedPageAsync(ct);
        object command = IsBody
            ? new RetireStateBody(Code, on!.Value, TextField("reason") ?? "", null)
            : new RetireService(Code, on!.Value, TextField("reason") ?? "", null);
        if (await SendAsync(command, ct) is null) return await RefusedPageAsync(ct);
        Flash = text["RetiredDone"];
        return Redirect(Request.Path);
    }
}

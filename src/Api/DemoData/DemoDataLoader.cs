using System.Text.Json.Serialization;

namespace Monitoring.Api.DemoData;

/// <summary>
/// Loads the demo data files once the host has started, through the same commands a user sends, so the demo data has
/// the same events, validation and audit trail as anything else. What already exists is skipped: re-running the
/// system (or a crash half-way) never loads anything twice.
/// </summary>
public sealed class DemoDataLoader(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DemoDataLoader> logger)
    : AfterStartService(lifetime, logger, LogLevel.Error, "Loading the demo data failed; the system runs without it")
{
    public const string User = "system (demo data)";
    /// <summary>Demo passports take effect from the first monitored period of the source reports.</summary>
    public static readonly DateOnly EffectiveFrom = new(2017, 1, 1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected override Task RunAsync(CancellationToken ct) => LoadAsync(services, Logger, ct);

    /// <summary>The catalogue file shipped with the API.</summary>
    public static async Task<CatalogueFile> ReadCatalogueAsync(CancellationToken ct)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "catalogue", "catalogue.json");
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<CatalogueFile>(stream, Json, ct) ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary>
    /// Registers the territories of the catalogue file (parents first; those already there are skipped) and returns how
    /// many were new. Bodies and survey answers name them, so they come before anything else.
    /// </summary>
    public static async Task<int> LoadTerritoriesAsync(IServiceProvider root, CatalogueFile file, CancellationToken ct)
    {
        var registered = 0;
        foreach (var t in InParentOrder(file.Territories, t => t.Code, t => t.ParentCode, "territories"))
            if (await DemoAssessmentLoader.SendAsync(root, new RegisterTerritory(t.Code, t.Country, t.NameRu, t.NameKk, t.NameEn, t.ParentCode),
                    User, $"demo-data:{Territory.StreamKey(t.Code)}", ct))
                registered++;
        return registered;
    }

    /// <summary>Parents before children: repeated passes until every entry whose parent is known is in.</summary>
    private static IEnumerable<T> InParentOrder<T>(IEnumerable<T> entries, Func<T, string> code, Func<T, string?> parent, string what)
    {
        var pending = entries.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(e => parent(e) is not { } p || pending.All(other => code(other) != p)).ToList();
            if (ready.Count == 0) throw new InvalidDataException($"The demo {what}' parents form a cycle");
            foreach (var e in ready)
            {
                yield return e;
                pending.Remove(e);
            }
        }
    }

    public static async Task<(int Bodies, int Services)> LoadAsync(IServiceProvider root, ILogger logger, CancellationToken ct)
    {
        var file = await ReadCatalogueAsync(ct);
        var territories = await LoadTerritoriesAsync(root, file, ct);

        var bodies = 0;
        var servicesLoaded = 0;
        foreach (var b in InParentOrder(file.Bodies, b => b.Code, b => b.ParentCode, "bodies"))
            if (await DemoAssessmentLoader.SendAsync(root, new RegisterStateBody(b.Code, b.NameRu, b.NameKk, b.Level, b.ParentCode,
                    b.RegionCode, EffectiveFrom), User, $"demo-data:{StateBody.StreamKey(b.Code)}", ct))
                bodies++;

        foreach (var s in file.Services)
        {
            var passport = new ServicePassport(s.BodyCode, s.Level, s.Channels, s.StandardTerm, null, s.MaxQueueWaitMinutes,
                s.Paid, null, EffectiveFrom);
            if (await DemoAssessmentLoader.SendAsync(root, new RegisterService(s.Code, s.NameRu, s.NameKk, passport), User,
                    $"demo-data:{PublicService.StreamKey(s.Code)}", ct))
                servicesLoaded++;
        }

        logger.LogInformation(
            "Demo data: {Territories} territories, {Bodies} state bodies and {Services} services registered ({TotalTerritories}, {TotalBodies} and {TotalServices} in the file)",
            territories, bodies, servicesLoaded, file.Territories.Count, file.Bodies.Count, file.Services.Count);

        var importer = root.GetRequiredService<PublishedReportImporter>();
        foreach (var report in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "data", "surveys"), "national-*.json").Order())
        {
            await using var json = File.OpenRead(report);
            var published = await JsonSerializer.DeserializeAsync<PublishedReportFile>(json, PublishedReportFile.Json, ct)
                            ?? throw new InvalidDataException($"{report} is empty");
            var result = await importer.ImportAsync(published, User, $"demo-data:{Path.GetFileName(report)}", ct);
            logger.LogInformation("Demo data: {Campaign}: {Imported} published distributions imported, {Skipped} services already there, {Warnings} cross-check warnings",
                result.CampaignCode, result.DistributionsImported, result.ServicesAlreadyImported, result.Warnings);
        }
        await DemoInstrumentLoader.LoadAsync(root, logger, ct);
        await DemoAssessmentLoader.LoadAsync(root, logger, ct);
        return (bodies, servicesLoaded);
    }
}

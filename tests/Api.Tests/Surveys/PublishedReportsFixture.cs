using System.Text.Json;
using Marten.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.DemoData;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Surveys;

/// <summary>The API with the demo catalogue and the 2017 and 2018 national reports loaded, projections caught up.</summary>
public sealed class PublishedReportsFixture : ApiFixture
{
    public JsonElement File2017 { get; private set; }
    public JsonElement File2018 { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoDataLoader.LoadAsync(Host.Services, NullLogger.Instance, CancellationToken.None);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        File2017 = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "surveys", "national-2017.json"))).RootElement;
        File2018 = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "surveys", "national-2018.json"))).RootElement;
    }
}

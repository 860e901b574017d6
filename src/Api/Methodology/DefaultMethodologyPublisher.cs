using Monitoring.Application.Methodology;
using Monitoring.Projections.Methodology;

namespace Monitoring.Api.Methodology;

/// <summary>
/// The reconstructed KZ-2017 methodology ships with the system as its default version: published once, at the first
/// start on a database, through the same command an assessor uses.
/// </summary>
public sealed class DefaultMethodologyPublisher(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DefaultMethodologyPublisher> logger)
    // Another node may have published it at the same moment (409), or the database is not there yet.
    : AfterStartService(lifetime, logger, LogLevel.Warning, "The default methodology version was not published by this node")
{
    public const string User = "system (default methodology)";

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        if (await session.LoadAsync<MethodologyView>(MethodologyView.StreamKey(Kz2017.Version.Code), ct) is not null) return;
        await scope.ServiceProvider.GetRequiredService<IMessageContext>().SendAsync(
            new PublishMethodologyVersion(Kz2017.Version, "Default version, reconstructed from the Karaganda 2017 assessment conclusion"),
            User, "default-methodology", ct);
        Logger.LogInformation("Published the default methodology version {Code}", Kz2017.Version.Code);
    }
}

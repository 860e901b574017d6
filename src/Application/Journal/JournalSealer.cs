using Microsoft.Extensions.Hosting;
using Monitoring.Projections.Journal;

namespace Monitoring.Application.Journal;

/// <summary>
/// Seals the leaves the appending transactions wrote into the journal's tree, every <see cref="JournalSettings.SealEverySeconds"/>:
/// the global order is fixed here, seconds after the append, by one sealer across the nodes (see <see cref="JournalStore"/>).
/// </summary>
public sealed class JournalSealer(JournalStore journal, JournalSettings settings, ILogger<JournalSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.05, settings.SealEverySeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await journal.SealAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting; the leaves wait in their table and are sealed on the next round.
                log.LogWarning("Sealing the journal failed ({Message}); trying again", e.Message);
            }
            // Cancelled when the host stops, which the host takes as the service's end.
            await Task.Delay(every, stoppingToken);
        }
    }
}

/// <summary>The periodic signed digest (a Hangfire recurring job), so the window an insider could rewrite unnoticed stays short.</summary>
public sealed class JournalDigestJob(JournalStore journal, JournalKeys keys)
{
    public async Task RunAsync(CancellationToken ct) =>
        await journal.CreateDigestAsync(keys.Signer, "periodic", covering: null, wait: TimeSpan.Zero, ct);
}

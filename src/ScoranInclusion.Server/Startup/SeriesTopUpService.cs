using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// Keeps the sessions of series without end date created <see cref="SeriesExpansion.RollingHorizonDays"/> days
/// ahead while the server runs for months: a weekly workshop "until further notice" never runs dry.
/// </summary>
public sealed class SeriesTopUpService(IServiceScopeFactory scopes, ILogger<SeriesTopUpService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // Not cancelled once started (one short transaction): a stop waits for it, then ends the loop.
                var created = await scope.ServiceProvider.GetRequiredService<OfferStore>().TopUpSeriesAsync(SeriesExpansion.RollingHorizonDays, CancellationToken.None);
                if (created > 0)
                {
                    logger.LogInformation("Séries reconduites : {Count} séances créées", created);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; nothing is half-written (one SaveChanges).
                logger.LogError(e, "Échec de la reconduction des séries");
            }
        }
    }
}

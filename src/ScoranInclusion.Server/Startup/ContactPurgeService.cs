using Microsoft.Extensions.Options;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// Erases the contact e-mails of reports older than <see cref="ModerationOptions.ContactRetentionDays"/> that nobody
/// decided (<see cref="ModerationQueue.PurgeContactsAsync"/>): once at start, then every <see cref="Period"/>. Every
/// replica may run it: the erasure is idempotent.
/// </summary>
public sealed class ContactPurgeService(IServiceScopeFactory scopes, IOptions<ModerationOptions> options, ILogger<ContactPurgeService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var erased = await scope.ServiceProvider.GetRequiredService<ModerationQueue>()
                    .PurgeContactsAsync(TimeSpan.FromDays(options.Value.ContactRetentionDays), stoppingToken);
                if (erased > 0)
                {
                    logger.LogInformation("Signalements : {Count} adresses de contact effacées après {Days} jours", erased, options.Value.ContactRetentionDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; an update either erased a contact or did not.
                logger.LogError(e, "Échec de l'effacement des adresses de contact des signalements");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

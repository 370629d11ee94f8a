using Microsoft.Extensions.Options;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Server.Mail;

/// <summary>
/// Sends the outbox (<see cref="OutboxSender"/>) when an SMTP server is configured: at start, when a workflow wrote a
/// mail (<see cref="MailOutboxSignal"/>), and every <c>Email:PollInterval</c> for the retries. Every replica may run it:
/// the lease of each message keeps two senders from sending it twice. Without <c>Email:Smtp:Host</c>, it does nothing and
/// the mails wait.
/// </summary>
public sealed class MailOutboxService(
    IServiceScopeFactory scopes, IOptions<MailOptions> options, MailOutboxSignal signal, ILogger<MailOutboxService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Configured)
        {
            logger.LogInformation("Courriels : aucun serveur SMTP (Email:Smtp:Host) : les courriels attendent dans la file d'envoi");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<OutboxSender>().RunOnceAsync(stoppingToken);
                if (pass.Sent + pass.Retried + pass.Failed > 0)
                {
                    logger.LogInformation("Courriels : {Sent} envoyés, {Retried} à réessayer, {Failed} en échec", pass.Sent, pass.Retried, pass.Failed);
                }

                // A full batch: the next one at once.
                full = pass.Sent + pass.Retried + pass.Failed >= OutboxSender.BatchSize;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: the next pass tries again; nothing claimed is lost (its lease expires).
                logger.LogError(e, "Courriels : échec d'un passage sur la file d'envoi");
            }

            if (!full)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

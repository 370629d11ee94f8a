using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Mail;

namespace ScoranInclusion.Workflows.Mail;

/// <summary>What one pass of the sender did.</summary>
public sealed record OutboxPass(int Sent, int Retried, int Failed);

/// <summary>
/// One pass over the outbox: every due message is claimed, sent, then marked. The claim is one conditional UPDATE
/// (<c>WHERE id = … AND status = 'Pending' AND lease_until_ms &lt;= now</c>) that sets a lease: of two senders (two
/// replicas, or two passes) racing for a message, the database lets exactly one UPDATE match (PostgreSQL re-reads the
/// row after the other's commit; SQLite writes one at a time), so only one sends it. A sender that dies holding a lease
/// (kill -9, power cut) loses nothing: once the lease expires, the message is due again and another sender takes it.
/// The marks after the send name the lease's owner, so a sender whose lease was taken over cannot overwrite the new owner's work.
/// </summary>
/// <remarks>
/// REVIEW: SMTP has no idempotent submission: a sender killed in the few milliseconds between the server's « 250 »
/// and the Sent mark sends that message again after the lease. The copy carries the same Message-ID, so the mail
/// program of the recipient shows it once. Anything earlier (connect, MAIL, DATA not acknowledged) is not a send.
/// </remarks>
public sealed class OutboxSender(ScoranDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock)
{
    /// <summary>Messages claimed per pass; the next pass takes the rest.</summary>
    public const int BatchSize = 20;

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    private MailOptions Options => options.Value;

    public async Task<OutboxPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.MailOutbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtMs <= nowMs && m.LeaseUntilMs <= nowMs)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        int sent = 0, retried = 0, failed = 0;
        foreach (var id in due)
        {
            switch (await SendOneAsync(id, cancellationToken))
            {
                case OutboxStatus.Sent:
                    sent++;
                    break;
                case OutboxStatus.Pending:
                    retried++;
                    break;
                case OutboxStatus.Failed:
                    failed++;
                    break;
            }
        }

        return new OutboxPass(sent, retried, failed);
    }

    /// <summary>Claims and sends one message; its new status, or null when another sender holds it (or it is no longer due).</summary>
    public async Task<OutboxStatus?> SendOneAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var owner = Guid.NewGuid().ToString("N");
        var leaseUntil = nowMs + (long)Options.LeaseDuration.TotalMilliseconds;
        var claimed = await db.MailOutbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAtMs <= nowMs && m.LeaseUntilMs <= nowMs)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseUntilMs, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var message = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        if (message.DiscardAfterMs is { } discard && discard <= nowMs)
        {
            await FinishAsync(id, owner, OutboxStatus.Failed, "Lien expiré avant l'envoi : le courriel n'est plus envoyé.", null, cancellationToken);
            return OutboxStatus.Failed;
        }

        var from = Options.From ?? "";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.SendTimeout);
            await transport.SendAsync(
                new OutgoingMail(from, message.Recipient, message.Subject, message.TextBody, message.HtmlBody, message.MessageId), timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var permanent = e is MailTransportException { Permanent: true };
            var error = Describe(e);
            if (permanent || message.Attempts >= Options.MaxAttempts)
            {
                await FinishAsync(id, owner, OutboxStatus.Failed, error, null, CancellationToken.None);
                return OutboxStatus.Failed;
            }

            await FinishAsync(id, owner, OutboxStatus.Pending, error, nowMs + (long)Backoff(message.Attempts).TotalMilliseconds, CancellationToken.None);
            return OutboxStatus.Pending;
        }

        // Accepted by the server: marked whatever the caller's cancellation (a shutdown must not resend it).
        await FinishAsync(id, owner, OutboxStatus.Sent, null, null, CancellationToken.None);
        return OutboxStatus.Sent;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: RetryDelay, doubled each time, at most six hours.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = Options.RetryDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelay.TotalMilliseconds));
    }

    private async Task FinishAsync(long id, string owner, OutboxStatus status, string? error, long? nextAttemptMs, CancellationToken cancellationToken)
    {
        var sentAt = status == OutboxStatus.Sent ? clock.GetUtcNow() : (DateTimeOffset?)null;
        var next = nextAttemptMs ?? 0;
        await db.MailOutbox.Where(m => m.Id == id && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilMs, 0L)
                .SetProperty(m => m.NextAttemptAtMs, m => nextAttemptMs == null ? m.NextAttemptAtMs : next)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LastError, m => error ?? m.LastError), cancellationToken);
    }

    private static string Describe(Exception e)
    {
        var text = e switch
        {
            MailTransportException m => m.Message,
            OperationCanceledException or TimeoutException => "Le serveur SMTP n'a pas répondu à temps.",
            _ => "Échec de l'envoi : " + e.Message,
        };
        return text.Length <= OutboxMessageEntity.MaxErrorLength ? text : text[..OutboxMessageEntity.MaxErrorLength];
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Mail;

namespace ScoranInclusion.Workflows.Mail;

/// <summary>The kinds of mail, as the outbox and the administrators' view name them.</summary>
public static class MailKinds
{
    public const string Invitation = "invitation";
    public const string PasswordReset = "password-reset";
}

/// <summary>Wakes the background sender when a message was written, so that it need not wait for its next poll.</summary>
public sealed class MailOutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        // One pending wake-up is enough: the sender takes every due message when it wakes.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken twice at once: the first wake-up is the same.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>What the administrators see of a message: never its body (it holds a one-time link).</summary>
public sealed record OutboxEntry(long Id, string Kind, long? AccountId, string Recipient, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>
/// The outbox: messages are added to the caller's unit of work (<see cref="Queue"/>), so that they are committed with the
/// action that causes them or not at all; the background sender (<see cref="OutboxSender"/>) sends them later.
/// </summary>
public sealed class MailOutbox(ScoranDbContext db, IOptions<MailOptions> options)
{
    /// <summary>Whether an SMTP server is configured: without one, mails wait and the link is shown instead.</summary>
    public bool Configured => options.Value.Configured;

    /// <summary>
    /// Adds a message to <paramref name="db"/>'s pending changes; the caller's SaveChanges writes it in its transaction.
    /// <paramref name="discardAfter"/>: a message whose link expires is failed rather than sent late.
    /// </summary>
    public static OutboxMessageEntity Queue(ScoranDbContext db, string kind, long? accountId, string recipient, MailContent content, DateTimeOffset now, DateTimeOffset? discardAfter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(content);
        var message = new OutboxMessageEntity
        {
            Kind = kind,
            AccountId = accountId,
            Recipient = recipient,
            Subject = content.Subject,
            TextBody = content.TextBody,
            HtmlBody = content.HtmlBody,
            MessageId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "@scoran-inclusion",
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAtMs = now.ToUnixTimeMilliseconds(),
            DiscardAfterMs = discardAfter?.ToUnixTimeMilliseconds(),
        };
        db.MailOutbox.Add(message);
        return message;
    }

    /// <summary>The latest messages (newest first), all or of one status.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus? status, int max, CancellationToken cancellationToken)
    {
        var query = db.MailOutbox.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        return await query.OrderByDescending(m => m.Id).Take(max)
            .Select(m => new OutboxEntry(m.Id, m.Kind, m.AccountId, m.Recipient, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many messages are in each state.</summary>
    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.MailOutbox.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }
}

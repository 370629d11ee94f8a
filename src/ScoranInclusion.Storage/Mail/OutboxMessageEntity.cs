using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Mail;

/// <summary>Where a message of the outbox stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its first or next attempt (<see cref="OutboxMessageEntity.NextAttemptAtMs"/>).</summary>
    Pending,

    /// <summary>Accepted by the SMTP server.</summary>
    Sent,

    /// <summary>Given up: too many attempts, a refused recipient, or a link expired before it could leave. Shown to administrators.</summary>
    Failed,
}

/// <summary>
/// One e-mail to send (table <c>mail_outbox</c>), written in the same transaction as the action that causes it and
/// sent later by the background sender. The times the sender compares in SQL (when the next attempt is due, until when
/// a sender holds the message) are Unix milliseconds: SQLite cannot compare <see cref="DateTimeOffset"/> columns, and
/// the claim must be one conditional UPDATE on both providers.
/// </summary>
public sealed class OutboxMessageEntity
{
    public const int MaxErrorLength = 500;

    public long Id { get; set; }

    /// <summary>What caused it (<c>invitation</c>, <c>password-reset</c>), for the administrators' view.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The account it is about, when there is one (the administrators' view names accounts, not addresses).</summary>
    public long? AccountId { get; set; }

    public string Recipient { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The Message-ID header, the same at every attempt: a copy sent twice is recognisable as one message.</summary>
    public string MessageId { get; set; } = "";

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not before this time (Unix ms): the backoff after a failure.</summary>
    public long NextAttemptAtMs { get; set; }

    /// <summary>The claim of a sender: its random id, and until when it holds the message (Unix ms; 0 when nobody does).</summary>
    public string? LeaseOwner { get; set; }

    public long LeaseUntilMs { get; set; }

    /// <summary>After this time (Unix ms) the message is pointless (its link has expired): failed instead of sent. Null: never.</summary>
    public long? DiscardAfterMs { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, for the administrators (the SMTP server's answer, never a password).</summary>
    public string? LastError { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxMessageEntity>(message =>
    {
        message.ToTable("mail_outbox");
        message.HasKey(m => m.Id);
        message.Property(m => m.Kind).HasMaxLength(40).IsRequired();
        message.Property(m => m.Recipient).HasMaxLength(254).IsRequired();
        message.Property(m => m.Subject).HasMaxLength(200).IsRequired();
        message.Property(m => m.MessageId).HasMaxLength(120).IsRequired();
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        message.Property(m => m.LeaseOwner).HasMaxLength(40);
        message.Property(m => m.LastError).HasMaxLength(MaxErrorLength);
        // The sender's question: the pending messages that are due.
        message.HasIndex(m => new { m.Status, m.NextAttemptAtMs });
        message.HasIndex(m => m.AccountId);
    });
}

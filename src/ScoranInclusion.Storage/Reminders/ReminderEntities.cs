using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Reminders;

/// <summary>
/// One reminder sent about a place (« votre fiche est-elle toujours juste ? »). The reminders of the place's current
/// round are those sent after its latest sign of freshness: a confirmation, an edit or a newer source date starts a new
/// round. <see cref="SignAtMs"/> and <see cref="Sequence"/> are unique per place, so that two runs racing for the same
/// place (two replicas, the server and the <c>reminders</c> verb) cannot both record (and mail) the same reminder.
/// </summary>
public sealed class SiteReminderEntity
{
    public long Id { get; set; }

    public long SiteId { get; set; }

    /// <summary>The place's latest sign of freshness when the reminder was sent (Unix milliseconds): the round it belongs to.</summary>
    public long SignAtMs { get; set; }

    /// <summary>1 for the first reminder of a round, up to <c>Reminders:MaxReminders</c>.</summary>
    public int Sequence { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>How many mails it made (one per mediator, or one per public address of the place).</summary>
    public int Recipients { get; set; }

    /// <summary>True when it went to the place's public <c>courriels</c> (no mediator account, <c>Reminders:ContactPlaces</c>).</summary>
    public bool ToPlace { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SiteReminderEntity>(reminder =>
    {
        reminder.ToTable("site_reminders");
        reminder.HasKey(r => r.Id);
        reminder.HasIndex(r => new { r.SiteId, r.SignAtMs, r.Sequence }).IsUnique();
        reminder.HasOne<SiteEntity>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
    });
}

/// <summary>
/// A reminder's one-click link « Rien n'a changé »: for one place, used once, valid for a while. Only the SHA-256 of its
/// token is kept (as for account tokens), so that the table read by someone else confirms nothing.
/// </summary>
public sealed class ReminderLinkEntity
{
    public long Id { get; set; }

    public long SiteId { get; set; }

    /// <summary>The mediator the link was mailed to; null when it went to the place's public address.</summary>
    public long? AccountId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link confirmed the place; null: not used.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ReminderLinkEntity>(link =>
    {
        link.ToTable("reminder_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.SiteId);
        link.HasOne<SiteEntity>().WithMany().HasForeignKey(l => l.SiteId).OnDelete(DeleteBehavior.Cascade);
    });
}

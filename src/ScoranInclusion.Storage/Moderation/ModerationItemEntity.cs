using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Moderation;

/// <summary>What a moderation item asks for.</summary>
public enum ModerationKind
{
    /// <summary>A mediator proposes a new place (the standard's fields, already validated).</summary>
    Proposal,

    /// <summary>« Ce lieu est le mien » : a mediator asks for an existing place to be added to their scope.</summary>
    Claim,

    /// <summary>A citizen (no account) reports wrong fields on a place.</summary>
    Report,
}

public enum ModerationStatus
{
    Pending,

    /// <summary>Proposal: the place exists; claim: the place is in the mediator's scope; report: handled.</summary>
    Approved,

    /// <summary>Refused, with a reason the submitter sees.</summary>
    Rejected,
}

/// <summary>
/// One item of the moderation queue (table <c>moderation_items</c>). Nothing here identifies a citizen but the
/// optional contact e-mail of a report, erased when the report is decided; the reporter's address is never stored.
/// </summary>
public sealed class ModerationItemEntity
{
    public long Id { get; set; }

    public ModerationKind Kind { get; set; }

    /// <summary>A concurrency token: two moderators deciding the same item cannot both succeed.</summary>
    public ModerationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who submitted: <c>account:ID</c> or <c>admin-token</c>; null for a citizen's report.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>The submitting account (its own submissions); null for a citizen or the administrator token.</summary>
    public long? SubmitterAccountId { get; set; }

    /// <summary>The territory the item belongs to: the département of the place, or of the proposed address.</summary>
    public string Departement { get; set; } = "";

    /// <summary>Claim and report: the place concerned; proposal: the place created once approved.</summary>
    public long? SiteId { get; set; }

    /// <summary>Proposal: the proposed place (a <see cref="Sources.SiteSnapshot"/>).</summary>
    public string? Proposal { get; set; }

    /// <summary>The submitter's message (a claim's justification, a report's explanation).</summary>
    public string? Message { get; set; }

    /// <summary>Report: the standard's names of the fields that look wrong, comma-separated.</summary>
    public string? ReportedFields { get; set; }

    /// <summary>Report: the citizen's optional e-mail, to be answered; erased once the report is decided.</summary>
    public string? ContactEmail { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The moderator who decided: <c>account:ID</c> or <c>admin-token</c>.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Why (required to reject, optional to approve).</summary>
    public string? Reason { get; set; }

    /// <summary>When the item went out in the moderators' daily digest (once: never in two digests); null until then.</summary>
    public DateTimeOffset? DigestedAt { get; set; }

    /// <summary>Report: the fields that look wrong.</summary>
    public IReadOnlyList<string> ReportedFieldList =>
        (ReportedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The longest message or reason stored (the column's width).</summary>
    public const int MaxMessageLength = 2000;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ModerationItemEntity>(item =>
    {
        item.ToTable("moderation_items");
        item.HasKey(i => i.Id);
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        item.Property(i => i.SubmittedBy).HasMaxLength(200);
        item.Property(i => i.Departement).HasMaxLength(3).IsRequired();
        item.Property(i => i.Message).HasMaxLength(MaxMessageLength);
        item.Property(i => i.ReportedFields).HasMaxLength(2000);
        item.Property(i => i.ContactEmail).HasMaxLength(254);
        item.Property(i => i.DecidedBy).HasMaxLength(200);
        item.Property(i => i.Reason).HasMaxLength(MaxMessageLength);
        item.HasIndex(i => new { i.Status, i.Departement });
        item.HasIndex(i => i.SubmitterAccountId);
        item.HasIndex(i => i.SiteId);
    });
}

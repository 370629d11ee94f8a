using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Merges;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage;

/// <summary>
/// The model shared by every provider. Each provider has its own subclass (and so its own
/// migrations folder), because migrations are generated per database dialect.
/// </summary>
public abstract class ScoranDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SiteEntity> Sites => Set<SiteEntity>();

    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();

    /// <summary>The same-as registry: every source record, and the place it feeds.</summary>
    public DbSet<SourceRecordEntity> SourceRecords => Set<SourceRecordEntity>();

    public DbSet<SiteChangeEntity> SiteChanges => Set<SiteChangeEntity>();

    public DbSet<MergeEventEntity> Merges => Set<MergeEventEntity>();

    /// <summary>Uncertain pairs waiting for a person.</summary>
    public DbSet<MergeCandidateEntity> MergeCandidates => Set<MergeCandidateEntity>();

    public DbSet<OfferEntity> Offers => Set<OfferEntity>();

    public DbSet<SessionEntity> Sessions => Set<SessionEntity>();

    public DbSet<SessionSeriesEntity> SessionSeries => Set<SessionSeriesEntity>();

    public DbSet<ItinerantRouteEntity> ItinerantRoutes => Set<ItinerantRouteEntity>();

    public DbSet<ItinerantStopEntity> ItinerantStops => Set<ItinerantStopEntity>();

    public DbSet<AccountEntity> Accounts => Set<AccountEntity>();

    public DbSet<AccountTokenEntity> AccountTokens => Set<AccountTokenEntity>();

    /// <summary>Proposed places, claims and citizens' reports, waiting for (or decided by) a moderator.</summary>
    public DbSet<Moderation.ModerationItemEntity> ModerationItems => Set<Moderation.ModerationItemEntity>();

    /// <summary>The runs of configured sources (<c>sync</c>).</summary>
    public DbSet<Sync.SyncRunEntity> SyncRuns => Set<Sync.SyncRunEntity>();

    /// <summary>Locks held across processes (one sync of a source at a time).</summary>
    public DbSet<Sync.SyncLeaseEntity> SyncLeases => Set<Sync.SyncLeaseEntity>();
    /// <summary>E-mails waiting to be sent (or sent, or given up), written with the action that causes them.</summary>
    public DbSet<Mail.OutboxMessageEntity> MailOutbox => Set<Mail.OutboxMessageEntity>();

    /// <summary>The listing reminders sent, and their one-click links « Rien n'a changé ».</summary>
    public DbSet<Reminders.SiteReminderEntity> SiteReminders => Set<Reminders.SiteReminderEntity>();

    public DbSet<Reminders.ReminderLinkEntity> ReminderLinks => Set<Reminders.ReminderLinkEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccountEntity>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Email).HasMaxLength(254).IsRequired();
            account.HasIndex(a => a.Email).IsUnique();
            account.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
            account.Property(a => a.ScopePivot).HasMaxLength(14);
            account.Property(a => a.ScopeDepartement).HasMaxLength(3);
        });
        modelBuilder.Entity<AccountTokenEntity>(token =>
        {
            token.ToTable("account_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            token.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.AccountId);
            token.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        OfferModel.Configure(modelBuilder);
        Moderation.ModerationItemEntity.Configure(modelBuilder);
        Sync.SyncRunEntity.Configure(modelBuilder);
        Sync.SyncLeaseEntity.Configure(modelBuilder);
        Mail.OutboxMessageEntity.Configure(modelBuilder);
        Reminders.SiteReminderEntity.Configure(modelBuilder);
        Reminders.ReminderLinkEntity.Configure(modelBuilder);
        modelBuilder.Entity<SiteEntity>(site =>
        {
            site.ToTable("sites");
            site.HasKey(s => s.Id);
            site.Property(s => s.Provenance).HasMaxLength(100).IsRequired();
            site.Property(s => s.SourceId).HasMaxLength(200).IsRequired();
            site.HasIndex(s => new { s.Provenance, s.SourceId }).IsUnique();
            site.Property(s => s.Pivot).HasMaxLength(14).IsRequired();
            site.Property(s => s.Nom).IsRequired();
            site.Property(s => s.CodePostal).HasMaxLength(5).IsRequired();
            site.Property(s => s.CodeInsee).HasMaxLength(5);
            site.Property(s => s.PresentationResume).HasMaxLength(280);
            site.Property(s => s.LocationPrecision).HasConversion<string>().HasMaxLength(10);
            site.Property(s => s.Version).IsConcurrencyToken();
            site.Property(s => s.FreshnessProvenance).HasMaxLength(100);
            site.HasIndex(s => s.CodeInsee);
            site.HasIndex(s => s.CodePostal);
            site.Property(s => s.WithdrawnReason).HasMaxLength(1000);
        });
        modelBuilder.Entity<SeedRun>(run =>
        {
            run.ToTable("seed_runs");
            run.HasKey(r => r.Dataset);
        });
        modelBuilder.Entity<SourceRecordEntity>(record =>
        {
            record.ToTable("site_sources");
            record.HasKey(r => r.Id);
            record.Property(r => r.Provenance).HasMaxLength(100).IsRequired();
            record.Property(r => r.SourceId).HasMaxLength(200).IsRequired();
            record.HasIndex(r => new { r.Provenance, r.SourceId }).IsUnique();
            record.Property(r => r.Snapshot).IsRequired();
            record.Property(r => r.ContentHash).HasMaxLength(64).IsRequired();
            record.Property(r => r.GivenFields).HasMaxLength(1000);
            record.Property(r => r.LocationPrecision).HasConversion<string>().HasMaxLength(10);
            // Records are never deleted: a place can only go once its records have moved.
            record.HasOne(r => r.Site).WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
            record.HasOne(r => r.Merge).WithMany().HasForeignKey(r => r.MergeId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<SiteChangeEntity>(change =>
        {
            change.ToTable("site_changes");
            change.HasKey(c => c.Id);
            // No foreign key on SiteId: the history of a place absorbed by a merge stays.
            change.HasIndex(c => new { c.SiteId, c.Id });
            // The public feed of changes reads from a date.
            change.HasIndex(c => c.ChangedAt);
            change.Property(c => c.Actor).HasMaxLength(200).IsRequired();
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.Operation).HasMaxLength(100).IsRequired();
            change.Property(c => c.Field).HasMaxLength(40);
        });
        modelBuilder.Entity<MergeEventEntity>(merge =>
        {
            merge.ToTable("site_merges");
            merge.HasKey(m => m.Id);
            merge.HasIndex(m => m.TargetSiteId);
            merge.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            merge.Property(m => m.Provenance).HasMaxLength(100).IsRequired();
            merge.Property(m => m.SourceId).HasMaxLength(200).IsRequired();
            merge.Property(m => m.MergedBy).HasMaxLength(200).IsRequired();
            merge.Property(m => m.UndoneBy).HasMaxLength(200);
            merge.Property(m => m.Before).IsRequired();
        });
        modelBuilder.Entity<MergeCandidateEntity>(pair =>
        {
            pair.ToTable("site_merge_candidates");
            pair.HasKey(p => p.Id);
            pair.HasIndex(p => new { p.SiteId, p.OtherSiteId }).IsUnique();
            pair.HasIndex(p => p.OtherSiteId);
            pair.HasIndex(p => p.Status);
            pair.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            pair.Property(p => p.DetectedBy).HasMaxLength(200).IsRequired();
            pair.Property(p => p.DecidedBy).HasMaxLength(200);
        });
    }
}

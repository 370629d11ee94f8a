using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage;

/// <summary>
/// The model shared by every provider. Each provider has its own subclass (and so its own
/// migrations folder), because migrations are generated per database dialect.
/// </summary>
public abstract class ScoranDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SiteEntity> Sites => Set<SiteEntity>();

    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
            site.Property(s => s.Version).IsConcurrencyToken();
            site.HasIndex(s => s.CodeInsee);
        });
        modelBuilder.Entity<SeedRun>(run =>
        {
            run.ToTable("seed_runs");
            run.HasKey(r => r.Dataset);
        });
    }
}

using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sync;

/// <summary>
/// A lock held in the database, so that one run at a time works on a source across processes (two
/// replicas on one PostgreSQL, or the server and a <c>sync</c> verb on one SQLite file). A holder
/// claims the row when it is free or its lease has expired, and renews it while it works; a process
/// that dies leaves a lease that simply expires.
/// </summary>
public sealed class SyncLeaseEntity
{
    /// <summary>What is locked: a source's name, or <c>reminders:run</c> / <c>reminders:daily</c> (the listing reminders).</summary>
    public string Name { get; set; } = "";

    /// <summary>Who holds it (machine, process and a random part); empty when released.</summary>
    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SyncLeaseEntity>(lease =>
        {
            lease.ToTable("sync_leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(100);
            lease.Property(l => l.Holder).HasMaxLength(200).IsRequired();
        });
    }
}

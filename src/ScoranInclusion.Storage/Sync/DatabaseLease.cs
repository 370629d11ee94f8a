using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sync;

/// <summary>
/// A named claim in <c>sync_leases</c>, so that one run at a time works on a thing across processes (a source's sync,
/// the daily listing reminders). A claim is a
/// compare-and-set: the row is read, and updated only if it still holds what was read (the same holder and expiry), so
/// that of two processes reading a free row at once only one update matches (PostgreSQL re-checks the condition on the
/// row the other committed; SQLite runs writers one at a time). Dates are compared in memory: SQLite cannot compare
/// <see cref="DateTimeOffset"/> columns in SQL, and one row is read.
/// </summary>
public static class DatabaseLease
{
    /// <summary>A holder's name: machine, process, and a random part (two runs of one process are two holders).</summary>
    public static string NewHolder()
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return holder.Length <= 200 ? holder : holder[^200..];
    }

    /// <summary>True when <paramref name="holder"/> now holds <paramref name="name"/> until <paramref name="duration"/> from now.</summary>
    public static async Task<bool> TryClaimAsync(ScoranDbContext db, string name, string holder, TimeSpan duration, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = clock.GetUtcNow();
            var lease = await db.SyncLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
            if (lease is null)
            {
                db.SyncLeases.Add(new SyncLeaseEntity { Name = name, Holder = holder, ExpiresAt = now + duration });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                }
                catch (DbUpdateException)
                {
                    // Another process created the row first: read it again.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            if (lease.Holder.Length > 0 && lease.Holder != holder && lease.ExpiresAt > now)
            {
                return false;
            }

            var expiresAt = now + duration;
            var updated = await db.SyncLeases
                .Where(l => l.Name == name && l.Holder == lease.Holder && l.ExpiresAt == lease.ExpiresAt)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken);
            return updated == 1;
        }

        return false;
    }

    /// <summary>Pushes the expiry back; false when the lease was lost (expired and taken by another).</summary>
    public static async Task<bool> RenewAsync(ScoranDbContext db, string name, string holder, TimeSpan duration, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expiresAt = clock.GetUtcNow() + duration;
        return await db.SyncLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken) == 1;
    }

    public static async Task ReleaseAsync(ScoranDbContext db, string name, string holder, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        await db.SyncLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, "").SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// Keeps <paramref name="name"/> held by <paramref name="holder"/> while a run lasts: every third of
    /// <paramref name="duration"/>, pushes the expiry back, each time on a context of its own (the run's context is busy
    /// with the run). Returns when <paramref name="cancellationToken"/> is cancelled (the run is over) or when the lease
    /// was lost (expired and taken by another). A renewal that fails (on SQLite, a run's transaction holds the write lock
    /// and the renewal may time out waiting) is tried again at the next period: the duration is meant to outlast that.
    /// </summary>
    public static async Task KeepAsync(
        IServiceScopeFactory scopes, string name, string holder, TimeSpan duration, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, clock, cancellationToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (!await RenewAsync(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), name, holder, duration, clock, cancellationToken))
                    {
                        logger.LogWarning("Réservation {Lease} perdue (expirée et reprise)", name);
                        return;
                    }
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    logger.LogDebug(e, "Réservation {Lease} : renouvellement remis", name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}

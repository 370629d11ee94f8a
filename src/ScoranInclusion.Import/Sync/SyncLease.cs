using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sync;

namespace ScoranInclusion.Import.Sync;

/// <summary>The claim on a source in <c>sync_leases</c>: a <see cref="DatabaseLease"/> named after the source.</summary>
public static class SyncLease
{
    /// <inheritdoc cref="DatabaseLease.NewHolder"/>
    public static string NewHolder() => DatabaseLease.NewHolder();

    /// <inheritdoc cref="DatabaseLease.TryClaimAsync"/>
    public static Task<bool> TryClaimAsync(ScoranDbContext db, string name, string holder, TimeSpan duration, TimeProvider clock, CancellationToken cancellationToken) =>
        DatabaseLease.TryClaimAsync(db, name, holder, duration, clock, cancellationToken);

    /// <inheritdoc cref="DatabaseLease.RenewAsync"/>
    public static Task<bool> RenewAsync(ScoranDbContext db, string name, string holder, TimeSpan duration, TimeProvider clock, CancellationToken cancellationToken) =>
        DatabaseLease.RenewAsync(db, name, holder, duration, clock, cancellationToken);

    /// <inheritdoc cref="DatabaseLease.ReleaseAsync"/>
    public static Task ReleaseAsync(ScoranDbContext db, string name, string holder, TimeProvider clock, CancellationToken cancellationToken) =>
        DatabaseLease.ReleaseAsync(db, name, holder, clock, cancellationToken);
}

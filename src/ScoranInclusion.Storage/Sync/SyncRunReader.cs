using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sync;

/// <summary>Reads the runs of the configured sources (<c>sync_runs</c>) for the moderators' views: the latest first.</summary>
public sealed class SyncRunReader(ScoranDbContext db)
{
    /// <summary>The latest runs of a source (by its configuration name), newest first.</summary>
    public async Task<IReadOnlyList<SyncRunEntity>> RunsAsync(string source, int first, CancellationToken cancellationToken) =>
        first <= 0 ? [] : await db.SyncRuns.AsNoTracking().Where(r => r.Source == source).OrderByDescending(r => r.Id).Take(first).ToListAsync(cancellationToken);

    /// <summary>The latest run of a source, or null when it never ran.</summary>
    public Task<SyncRunEntity?> LatestAsync(string source, CancellationToken cancellationToken) =>
        db.SyncRuns.AsNoTracking().Where(r => r.Source == source).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    public Task<SyncRunEntity?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
}

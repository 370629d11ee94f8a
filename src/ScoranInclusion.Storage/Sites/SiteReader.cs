using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sites;

/// <summary>
/// Reads sites by internal key, in batches, so that a page of results costs one query. The public reads
/// (<see cref="GetAsync"/>, <see cref="GetManyAsync"/>) never give a withdrawn place (<see cref="SiteEntity.WithdrawnAt"/>):
/// a caller that must tell "withdrawn" from "unknown" (a page answering 410, an API error) asks <see cref="GetAnyAsync"/>.
/// </summary>
public sealed class SiteReader(ScoranDbContext db)
{
    /// <summary>The live place, or null (unknown or withdrawn).</summary>
    public async Task<StoredSite?> GetAsync(long key, CancellationToken cancellationToken)
    {
        var entity = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key && s.WithdrawnAt == null, cancellationToken);
        return entity is null ? null : StoredSite.From(entity);
    }

    /// <summary>The place, withdrawn or not (see <see cref="StoredSite.IsWithdrawn"/>), or null when unknown.</summary>
    public async Task<StoredSite?> GetAnyAsync(long key, CancellationToken cancellationToken)
    {
        var entity = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key, cancellationToken);
        return entity is null ? null : StoredSite.From(entity);
    }

    /// <summary>The live places among <paramref name="keys"/> (withdrawn ones are left out, as unknown ones).</summary>
    public async Task<IReadOnlyDictionary<long, StoredSite>> GetManyAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<long, StoredSite>();
        }

        var entities = await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id) && s.WithdrawnAt == null).ToListAsync(cancellationToken);
        return entities.ToDictionary(e => e.Id, StoredSite.From);
    }
}

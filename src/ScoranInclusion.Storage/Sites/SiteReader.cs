using Microsoft.EntityFrameworkCore;

namespace ScoranInclusion.Storage.Sites;

/// <summary>Reads sites by internal key, in batches, so that a page of results costs one query.</summary>
public sealed class SiteReader(ScoranDbContext db)
{
    public async Task<StoredSite?> GetAsync(long key, CancellationToken cancellationToken)
    {
        var entity = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key, cancellationToken);
        return entity is null ? null : StoredSite.From(entity);
    }

    public async Task<IReadOnlyDictionary<long, StoredSite>> GetManyAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<long, StoredSite>();
        }

        var entities = await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id)).ToListAsync(cancellationToken);
        return entities.ToDictionary(e => e.Id, StoredSite.From);
    }
}

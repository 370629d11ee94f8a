using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Search;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Import.Pipeline;

/// <summary>Shows committed places in searches, reading them back in chunks (never all at once).</summary>
internal static class SearchIndexPublication
{
    private const int ChunkSize = 500;

    public static async Task PublishAsync(ScoranDbContext db, SiteSearchIndex index, IEnumerable<long> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(ChunkSize))
        {
            var entities = await db.Sites.AsNoTracking().Where(s => chunk.Contains(s.Id)).ToListAsync(cancellationToken);
            index.Publish(new UpsertResult(new UpsertCounts(0, 0, 0), [.. entities.Select(e => (e.Id, e.ToDomain()))]));
        }
    }
}

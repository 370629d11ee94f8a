using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Search;

/// <summary>
/// Shows committed places in searches, reading them back in chunks (never all the entities at
/// once), as one write of the index: its tree is rebuilt once for the whole import. A place read back withdrawn
/// (<see cref="SiteEntity.WithdrawnAt"/>) leaves the index instead: publishing a withdrawal or a restoration is the same call.
/// </summary>
public static class SearchIndexPublication
{
    private const int ChunkSize = 500;

    public static Task PublishAsync(ScoranDbContext db, ISearchPublication index, IEnumerable<long> keys, CancellationToken cancellationToken) =>
        index.PublishAsync(Read(db, index, keys, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<(long Key, Site Site)> Read(
        ScoranDbContext db, ISearchPublication index, IEnumerable<long> keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(ChunkSize))
        {
            var entities = await db.Sites.AsNoTracking().Where(s => chunk.Contains(s.Id)).ToListAsync(cancellationToken);
            foreach (var entity in entities)
            {
                if (entity.WithdrawnAt is not null)
                {
                    index.Remove(entity.Id);
                    continue;
                }

                yield return (entity.Id, entity.ToDomain());
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sites;

public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged);

/// <summary>What an upsert wrote: the counts, and the rows inserted or changed (for the search index, once committed).</summary>
public sealed record UpsertResult(UpsertCounts Counts, IReadOnlyList<(long Key, Site Site)> Written);

/// <summary>
/// Writes sites by their upsert key (provenance, the standard's id): a new key is inserted,
/// a known key with other values is updated (version + 1), an identical one is left alone.
/// Never deletes. The caller owns the transaction, and publishes <see cref="UpsertResult.Written"/>
/// to the search index once it has committed.
/// </summary>
public sealed class SiteWriter(ScoranDbContext db)
{
    public async Task<UpsertResult> UpsertAsync(string provenance, IEnumerable<Site> sites, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await db.Sites.Where(s => s.Provenance == provenance)
            .ToDictionaryAsync(s => s.SourceId, StringComparer.Ordinal, cancellationToken);
        int inserted = 0, updated = 0, unchanged = 0;
        var touched = new List<SiteEntity>();
        foreach (var site in sites)
        {
            if (existing.TryGetValue(site.Id, out var entity))
            {
                if (SameContent(entity, site))
                {
                    unchanged++;
                    continue;
                }

                entity.CopyFrom(site);
                entity.UpdatedAt = now;
                entity.Version++;
                updated++;
            }
            else
            {
                entity = new SiteEntity { Provenance = provenance, CreatedAt = now, UpdatedAt = now, Version = 1 };
                entity.CopyFrom(site);
                db.Sites.Add(entity);
                existing[site.Id] = entity;
                inserted++;
            }

            touched.Add(entity);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new UpsertResult(new UpsertCounts(inserted, updated, unchanged), [.. touched.Select(e => (e.Id, e.ToDomain()))]);
    }

    // Records hold lists, whose equality is by reference: compare the stored columns instead.
    private static bool SameContent(SiteEntity entity, Site site)
    {
        var probe = new SiteEntity();
        probe.CopyFrom(site);
        return SiteMapping.ChangedFields(entity, probe).Count == 0;
    }
}

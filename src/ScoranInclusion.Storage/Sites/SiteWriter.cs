using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Sites;

public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged);

/// <summary>What an upsert wrote: the counts, and the rows inserted or changed (for the search index, once committed).</summary>
public sealed record UpsertResult(UpsertCounts Counts, IReadOnlyList<(long Key, Site Site)> Written);

/// <summary>
/// Writes sites by their upsert key (provenance, the standard's id) through the same-as
/// registry: a new key creates a place, a known key with other values updates the place it
/// feeds (version + 1, history recorded), an identical one is left alone. Never deletes,
/// never merges, keeps everything in memory: for small sets and tests. Imports of files go
/// through <c>ScoranInclusion.Import.Pipeline.ImportPipeline</c> (batches, merges, locations).
/// The caller owns the transaction, and publishes <see cref="UpsertResult.Written"/> to the
/// search index once it has committed.
/// </summary>
public sealed class SiteWriter(ScoranDbContext db)
{
    public async Task<UpsertResult> UpsertAsync(string provenance, IEnumerable<Site> sites, TimeProvider clock, CancellationToken cancellationToken)
    {
        var recorder = new SiteRecorder(db, clock);
        var context = new ChangeContext($"import:{provenance}", $"upsert:{Guid.NewGuid():N}", SiteChangeKind.Updated);
        var existing = await db.SourceRecords.Where(r => r.Provenance == provenance)
            .ToDictionaryAsync(r => r.SourceId, StringComparer.Ordinal, cancellationToken);
        int inserted = 0, updated = 0, unchanged = 0;
        var writes = new List<SiteWrite>();
        foreach (var site in sites)
        {
            var precision = site.Location is null ? LocationPrecision.None : LocationPrecision.Address;
            if (existing.TryGetValue(site.Id, out var record))
            {
                if (!recorder.Refresh(record, site, site.Location, precision))
                {
                    unchanged++;
                    continue;
                }

                if (record.Id == 0)
                {
                    // The same id twice in one call: the first one's place needs its key.
                    await recorder.SaveAsync(cancellationToken);
                }

                var write = await recorder.RecomposeAsync(record.SiteId, context, null, cancellationToken);
                if (write.Changed)
                {
                    updated++;
                    writes.Add(write);
                }
                else
                {
                    unchanged++;
                }
            }
            else
            {
                record = recorder.NewRecord(provenance, site, site.Location, precision);
                existing[site.Id] = record;
                writes.Add(recorder.CreateSite([record], context with { Kind = SiteChangeKind.Created }));
                inserted++;
            }
        }

        await recorder.SaveAsync(cancellationToken);
        return new UpsertResult(new UpsertCounts(inserted, updated, unchanged), [.. writes.Select(w => (w.Key, w.Entity.ToDomain()))]);
    }
}

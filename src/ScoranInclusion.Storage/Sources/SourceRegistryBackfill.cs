using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>
/// Gives every place written before the same-as registry existed its source record (its own
/// values, as the best knowledge of what was received) and its per-field provenance. Runs
/// after the migrations, in C# rather than SQL so that the snapshot format is the same as for
/// imported rows on every provider. Idempotent: only places without a record are touched.
/// Their history starts here (no "created" row is invented).
/// </summary>
public static class SourceRegistryBackfill
{
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(ScoranDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var sites = await db.Sites
                .Where(s => !db.SourceRecords.Any(r => r.SiteId == s.Id))
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (sites.Count == 0)
            {
                return total;
            }

            var recorder = new SiteRecorder(db, clock);
            foreach (var site in sites)
            {
                var domain = site.ToDomain();
                var record = recorder.NewRecord(site.Provenance, domain, domain.Location, site.LocationPrecision);
                record.FirstSeenAt = site.CreatedAt;
                record.LastSeenAt = site.UpdatedAt;
                record.SiteId = site.Id;
                db.SourceRecords.Add(record);
                var composed = SiteComposer.Compose([SiteRecorder.ToInput(record)], 0);
                record.GivenFields = FieldList.Join(composed.FieldSources.Select(f => f.Field));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += sites.Count;
        }
    }
}

using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Bulk;

/// <summary>
/// Writes places created from new source records without the change tracker: per place one
/// row in <c>sites</c>, one per record in <c>site_sources</c> (with its per-field provenance)
/// and its "created" history row, through reused commands in the caller's transaction. For
/// imports, where new places are most of the work; what <see cref="SiteRecorder.CreateSite"/>
/// adds through EF Core would store the same rows.
/// </summary>
internal sealed class NewSiteWriter(ScoranDbContext db)
{
    private readonly List<(SiteEntity Site, IReadOnlyList<SourceRecordEntity> Records, SiteChangeEntity Change)> _pending = [];

    public int Count => _pending.Count;

    public void Add(SiteEntity site, IReadOnlyList<SourceRecordEntity> records, SiteChangeEntity change) => _pending.Add((site, records, change));

    /// <summary>Writes the pending places (their keys are set), in the order they were added.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("L'écriture groupée des lieux se fait dans une transaction.");
        }

        // One statement of each kind per batch: parsed once, executed for every place.
        using var sites = new RowInserter<SiteEntity>(db);
        using var sourceRecords = new RowInserter<SourceRecordEntity>(db);
        using var changes = new RowInserter<SiteChangeEntity>(db);
        foreach (var (site, records, change) in _pending)
        {
            await sites.InsertAsync(db, site, cancellationToken);
            foreach (var record in records)
            {
                record.SiteId = site.Id;
                await sourceRecords.InsertAsync(db, record, cancellationToken);
            }

            change.SiteId = site.Id;
            change.SiteVersion = site.Version;
            await changes.InsertAsync(db, change, cancellationToken);
        }

        _pending.Clear();
    }
}

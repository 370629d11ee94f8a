using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Export;

/// <summary>
/// The places to export, streamed from the database one row at a time (no tracking, nothing
/// materialized), in the order of the internal key: the order in which they were first
/// stored, which is stable across exports and is the source file's order after an import,
/// so that export → import into an empty base → export gives the same file.
/// </summary>
/// <remarks>
/// A place that came without coordinates is shown in searches at its commune's point
/// (<see cref="LocationPrecision.Commune"/>); the export leaves its <c>latitude</c> and
/// <c>longitude</c> empty, as the source did, rather than publish an approximation as the
/// place's position (and GeoJSON leaves the place out). A withdrawn place
/// (<see cref="SiteEntity.WithdrawnAt"/>) is never exported. Given <c>today</c>, a place's temporary closures and
/// notices that are over are left out (<see cref="TemporaryNoticesExport"/>).
/// </remarks>
public static class SiteExportSource
{
    public static async IAsyncEnumerable<Site> ReadAsync(
        ScoranDbContext db,
        ResolvedTerritory? territory = null,
        DateOnly? today = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        IQueryable<SiteEntity> query = db.Sites.AsNoTracking().Where(s => s.WithdrawnAt == null);
        if (territory is not null)
        {
            // The codes present in the base (a few hundred at most, one per commune with a
            // place) are matched in memory, so that former commune codes count for the
            // commune that absorbed them; the rows are then filtered by the database.
            var present = await db.Sites.AsNoTracking()
                .Where(s => s.CodeInsee != null)
                .Select(s => s.CodeInsee!)
                .Distinct()
                .ToListAsync(cancellationToken);
            var codes = present.Where(territory.Includes).ToList();
            query = query.Where(s => s.CodeInsee != null && codes.Contains(s.CodeInsee));
        }

        await foreach (var entity in query.OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var site = entity.ToDomain();
            if (today is { } day)
            {
                // Only what is not over yet, as the public Site shows them.
                site = TemporaryNoticesExport.NotOver(site, day);
            }

            yield return entity.LocationPrecision == LocationPrecision.Address ? site : site with { Location = null };
        }
    }
}

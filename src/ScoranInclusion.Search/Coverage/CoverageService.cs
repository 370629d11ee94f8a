using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;

namespace ScoranInclusion.Search.Coverage;

/// <summary>
/// The coverage of a territory under the search filters: the places that pass the filter (the
/// search index's own filters; « with a workshop within N days » from the sessions, as in
/// <c>nearestSites</c>), then the nearest of them to each commune.
/// </summary>
/// <remarks>
/// On SQLite the process's search index holds every place. On PostgreSQL it is never loaded (replicas
/// would diverge): the places are read from the database into an index of this request only, with
/// the same code (<see cref="SiteSearchIndex.LoadAsync"/>, <see cref="SiteSearchIndex.MatchingPlaces"/>).
/// </remarks>
public sealed class CoverageService(
    SiteSearchIndex index, ScheduleCache schedules, ScoranDbContext db, OfferReader offers, CoverageTerritories territories, TimeProvider clock)
{
    public const int MaxSessionDays = 366;

    public Task<CoverageReport> ComputeAsync(
        CoverageTerritory territory, SiteFilter filter, int? sessionWithinDays, IReadOnlyList<double> thresholdsKm, CancellationToken cancellationToken) =>
        ComputeAsync(territory, filter, sessionWithinDays, thresholdsKm, null, cancellationToken);

    /// <param name="freshWithinMonths">
    /// Only the places known true within this many months (<see cref="SiteFreshness"/>: a person's confirmation or
    /// edit, a source's <c>date_maj</c>); null counts every place.
    /// </param>
    public async Task<CoverageReport> ComputeAsync(
        CoverageTerritory territory, SiteFilter filter, int? sessionWithinDays, IReadOnlyList<double> thresholdsKm, int? freshWithinMonths,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(territory);
        ArgumentNullException.ThrowIfNull(filter);
        if (sessionWithinDays is { } days)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(sessionWithinDays));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxSessionDays, nameof(sessionWithinDays));
            var now = clock.GetUtcNow();
            filter = filter with { OnlySites = await offers.SitesWithSessionsAsync(now, now.AddDays(days), cancellationToken) };
        }

        if (freshWithinMonths is { } months)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(months, 1, nameof(freshWithinMonths));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(months, FreshnessOptions.MaxMonths, nameof(freshWithinMonths));
            var fresh = await FreshPlacesAsync(months, cancellationToken);
            filter = filter with { OnlySites = filter.OnlySites is { } only ? fresh.Where(only.Contains).ToHashSet() : fresh };
        }

        var places = index;
        if (!places.IsLoaded)
        {
            // REVIEW: one read of every place per coverage request (a few hundred ms at 30,000 places);
            // a materialized per-commune table refreshed on writes would be the next step at national scale.
            places = new SiteSearchIndex(schedules);
            await places.LoadAsync(db, cancellationToken);
        }

        return CoverageCalculator.Report(territory, territories.Parts(territory), places.MatchingPlaces(filter), thresholdsKm);
    }

    /// <summary>The places whose last sign is within <paramref name="months"/>: one read of the few columns it needs.</summary>
    private async Task<HashSet<long>> FreshPlacesAsync(int months, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // REVIEW: compared in memory: SQLite cannot compare its DateTimeOffset text column (as in SiteEditor.StaleAsync);
        // six small columns of a region's few thousand places.
        var rows = await db.Sites.AsNoTracking()
            .Select(s => new Storage.Sites.SiteEntity
            {
                Id = s.Id,
                Provenance = s.Provenance,
                DateMaj = s.DateMaj,
                LastConfirmedAt = s.LastConfirmedAt,
                FreshnessAt = s.FreshnessAt,
                FreshnessProvenance = s.FreshnessProvenance,
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Where(s => SiteFreshness.Latest([Storage.Sites.StoredSite.RecordsSignOf(s), SiteFreshness.Confirmation(s.LastConfirmedAt)]) is { } sign
                && SiteFreshness.IsWithin(sign.At, now, months))
            .Select(s => s.Id)];
    }
}

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

    public async Task<CoverageReport> ComputeAsync(
        CoverageTerritory territory, SiteFilter filter, int? sessionWithinDays, IReadOnlyList<double> thresholdsKm, CancellationToken cancellationToken)
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
}

using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Search;

namespace ScoranInclusion.Storage.Coverage;

/// <summary>
/// The coverage of a territory under the search filters: the places that pass the filter (the
/// search index's own filters; « with a workshop within N days » from the sessions, as in
/// <c>nearestSites</c>), then the nearest of them to each commune.
/// </summary>
public sealed class CoverageService(SiteSearchIndex index, OfferReader offers, CoverageTerritories territories, TimeProvider clock)
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

        return CoverageCalculator.Report(territory, territories.Parts(territory), index.MatchingPlaces(filter), thresholdsKm);
    }
}

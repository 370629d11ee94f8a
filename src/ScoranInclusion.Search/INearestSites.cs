using ScoranInclusion.Domain;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

/// <summary>
/// Where nearest candidates come from: the in-process index on SQLite (<see cref="SiteSearchIndex"/>),
/// the database's GiST index on PostgreSQL (<see cref="PostgisNearestSites"/>). Both apply the same
/// filters (<see cref="SiteMatcher"/>) to candidates in distance order.
/// </summary>
public interface INearestSites
{
    /// <summary>Sites in ascending (distance, id) order that pass the filter, strictly after <paramref name="after"/>.</summary>
    IAsyncEnumerable<SiteHit> NearestAsync(GeoPoint origin, SiteFilter filter, double maxDistanceMeters, SiteHit? after, CancellationToken cancellationToken);
}

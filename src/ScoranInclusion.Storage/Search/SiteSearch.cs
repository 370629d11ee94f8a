using ScoranInclusion.Domain;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Search;

/// <summary>One result of a nearest search, in order.</summary>
public sealed record NearestResult(StoredSite Site, double DistanceMeters);

public sealed record NearestPage(IReadOnlyList<NearestResult> Items, bool HasNextPage);

/// <summary>The k-nearest search: candidates from the spatial index (the provider's) in distance order, filtered, then loaded in one query.</summary>
public sealed class SiteSearch(INearestSites candidates, SiteReader reader)
{
    public async Task<NearestPage> NearestAsync(
        GeoPoint origin, SiteFilter filter, int first, SiteHit? after, double maxDistanceMeters, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        // One more than asked tells whether a next page exists without counting everything.
        var hits = await candidates.NearestAsync(origin, filter, maxDistanceMeters, after, cancellationToken)
            .Take(first + 1).ToListAsync(cancellationToken);
        var page = hits.Take(first).ToList();
        var sites = await reader.GetManyAsync(page.Select(h => h.SiteId).ToList(), cancellationToken);
        var items = new List<NearestResult>(page.Count);
        foreach (var hit in page)
        {
            // A site deleted between the index read and the load is simply skipped.
            if (sites.TryGetValue(hit.SiteId, out var site))
            {
                items.Add(new NearestResult(site, hit.DistanceMeters));
            }
        }

        return new NearestPage(items, hits.Count > first);
    }
}
